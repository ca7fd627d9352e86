using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Testing;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests.Hardening;

/// <summary>
/// Failures in the middle of a round (a hook that throws, a cancellation) leave a transcript in which every tool call
/// the model made has a result, so that it can be sent again; the results of calls that finished are kept.
/// </summary>
public sealed class RunFailureTests
{
    private RunnerTools _tools = null!;
    private ScriptedChatModel _model = null!;

    [SetUp]
    public void Create()
    {
        _tools = new RunnerTools();
        _model = new ScriptedChatModel();
    }

    [Test]
    public async Task AHookThatThrowsMidRoundKeepsTheFinishedCallsAndResumesOnlyTheRest()
    {
        _model.CallTools(("slow_read", """{"key":"a","delayMilliseconds":10}""", "c1"), ("slow_read", """{"key":"b","delayMilliseconds":200}""", "c2"));
        var options = new ToolRunnerOptions
        {
            OnToolCalling = (call, _) => call.Call.Id == "c2"
                ? ValueTask.FromException(new InvalidOperationException("audit log unavailable"))
                : ValueTask.CompletedTask,
        };

        var error = Assert.ThrowsAsync<ToolRunException>(() => new ToolRunner(_model, _tools.Tools, options).RunAsync("read a and b"))!;

        Assert.That(error.InnerException!.Message, Is.EqualTo("audit log unavailable"));
        ChatMessage[] results = [.. error.PartialResult.Messages.Where(m => m.Role == ChatRole.Tool)];
        Assert.That(results.Select(r => r.ToolCallId), Is.EqualTo(new[] { "c1" }), "c2 never started, so it stays unanswered");
        Assert.That(results[0].Text, Is.EqualTo("A"));
        Assert.That(error.PartialResult.ToolCalls.Select(c => c.Call.Id), Is.EqualTo(new[] { "c1" }), "only finished calls are records");

        // Resuming runs c2 only; c1 keeps its result.
        _model.Reply("done");
        var ran = new System.Collections.Concurrent.ConcurrentBag<string>();
        var resumed = await new ToolRunner(_model, _tools.Tools, new ToolRunnerOptions { OnToolCalling = (call, _) => { ran.Add(call.Call.Id); return ValueTask.CompletedTask; } })
            .RunAsync(error.PartialResult.Messages);
        Assert.That(ran, Is.EqualTo(new[] { "c2" }));
        Assert.That(resumed.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(resumed.Text, Is.EqualTo("done"));
    }

    [Test]
    public async Task CancellingMidRoundThrowsAnOperationCanceledExceptionThatCarriesTheRun()
    {
        _model.CallTool("get_order_id", """{"customer":"ada"}""", "c1").CallTool("hang", "{}", "c2");
        using var cancel = new CancellationTokenSource();
        var options = new ToolRunnerOptions { OnToolCalling = (call, _) => { if (call.Call.Name == "hang") cancel.CancelAfter(50); return ValueTask.CompletedTask; } };
        var runner = new ToolRunner(_model, _tools.Tools, options);

        var error = Assert.ThrowsAsync<ToolRunCanceledException>(() => runner.RunAsync("go", cancel.Token))!;

        Assert.That(error, Is.InstanceOf<OperationCanceledException>());
        Assert.That(error.CancellationToken, Is.EqualTo(cancel.Token));
        Assert.That(error.PartialResult.StopReason, Is.EqualTo(ToolRunStopReason.Canceled));
        Assert.That(error.PartialResult.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool }));
        Assert.That(error.PartialResult.Messages[^1].Text, Does.Contain("interrupted"));

        _model.Reply("Stopped as asked.");
        ToolRunResult resumed = await runner.RunAsync(error.PartialResult.Messages);
        Assert.That(resumed.Text, Is.EqualTo("Stopped as asked."));
        Assert.That(_tools.Log.Count(l => l == "get_order_id ada"), Is.EqualTo(1));
    }

    [Test]
    public void AModelThatThrowsEndsWithItsExceptionInside()
    {
        var options = new ToolRunnerOptions();
        _model.Then(_ => throw new TimeoutException("model host unreachable"));

        var error = Assert.ThrowsAsync<ToolRunException>(() => new ToolRunner(_model, _tools.Tools, options).RunAsync("hi"))!;

        Assert.That(error.InnerException, Is.TypeOf<TimeoutException>());
        Assert.That(error.PartialResult.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public void ArgumentProblemsOfTheCallerAreNotWrapped()
    {
        var runner = new ToolRunner(_model, _tools.Tools);
        Assert.That(() => runner.RunAsync((System.Collections.Generic.IEnumerable<ChatMessage>)null!), Throws.ArgumentNullException);
        Assert.That(() => runner.RunStreamingAsync((System.Collections.Generic.IEnumerable<ChatMessage>)null!), Throws.ArgumentNullException);
    }
}
