using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Testing;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests;

/// <summary>The tool loop against a scripted model: rounds, concurrency, limits, errors, approvals, choice, streaming.</summary>
public sealed class RunnerTests
{
    private RunnerTools _tools = null!;
    private ScriptedChatModel _model = null!;

    [SetUp]
    public void Create()
    {
        _tools = new RunnerTools();
        _model = new ScriptedChatModel();
    }

    private ToolRunner Runner(ToolRunnerOptions? options = null) => new(_model, _tools.Tools, options);

    private static string? ToolText(ToolRunResult result, int index) => result.Messages.Where(m => m.Role == ChatRole.Tool).ElementAt(index).Text;

    [Test]
    public async Task AnAnswerWithoutToolsEndsTheRun()
    {
        _model.Reply("Hello!", new ChatUsage(10, 2));
        ToolRunResult result = await Runner().RunAsync("Hi");
        Assert.That(result.Text, Is.EqualTo("Hello!"));
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
        Assert.That(result.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(10, 2)));
        Assert.That(_model.Requests.Single().Tools.Select(t => t.Name), Does.Contain("get_order_id"));
        _model.AssertAllConsumed();
    }

    [Test]
    public async Task ChainedCallsUseEarlierResults()
    {
        _model.CallTool("get_order_id", """{"customer":"ada"}""")
            .Then(request => new ChatResponse
            {
                Message = ChatMessage.Assistant(null, [new ToolCall("call_9", "ship_order", $$"""{"orderId":{{ScriptedChatModel.LastToolResult(request)}}}""")]),
                FinishReason = ChatFinishReason.ToolCalls,
                Usage = new ChatUsage(5, 5),
            })
            .Reply("Order 42 is on its way.", new ChatUsage(7, 3));

        ToolRunResult result = await Runner().RunAsync("Ship Ada's order");

        Assert.That(_tools.Log, Is.EqualTo(new[] { "get_order_id ada", "ship_order 42" }));
        Assert.That(result.Text, Is.EqualTo("Order 42 is on its way."));
        Assert.That(result.ModelCalls, Is.EqualTo(3));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(12, 8)));
        Assert.That(result.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant }));
        Assert.That(result.Messages[4].ToolCallId, Is.EqualTo("call_9"));
        Assert.That(result.ToolCalls.Select(c => (c.Call.Name, c.Result.Content, c.Round)), Is.EqualTo(new[] { ("get_order_id", "42", 1), ("ship_order", "shipped 42", 2) }));
        // Each request carries the whole conversation so far.
        Assert.That(_model.Requests.Select(r => r.Messages.Count), Is.EqualTo(new[] { 1, 3, 5 }));
    }

    [Test]
    public async Task ReadOnlyCallsOfOneTurnRunConcurrently()
    {
        _model.CallTools(("slow_read", """{"key":"a"}""", null), ("slow_read", """{"key":"b"}""", null)).Reply("done");
        var clock = Stopwatch.StartNew();
        ToolRunResult result = await Runner().RunAsync("read both");
        clock.Stop();

        Assert.That(_tools.Log.Take(2), Is.EquivalentTo(new[] { "start a", "start b" }), "both started before either ended");
        Assert.That(clock.ElapsedMilliseconds, Is.LessThan(580), "two 300 ms reads overlap");
        Assert.That(result.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.Text), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public async Task MaxConcurrencyLimitsHowManyReadsOverlap()
    {
        _model.CallTools(("slow_read", """{"key":"a","delayMilliseconds":50}""", null), ("slow_read", """{"key":"b","delayMilliseconds":50}""", null),
            ("slow_read", """{"key":"c","delayMilliseconds":50}""", null)).Reply("done");
        await Runner(new ToolRunnerOptions { MaxConcurrency = 1 }).RunAsync("read");
        string[] log = [.. _tools.Log];
        for (int i = 0; i < log.Length; i += 2)
            Assert.That(log[i + 1], Is.EqualTo(log[i].Replace("start", "end")), "each read ends before the next starts");
    }

    [Test]
    public async Task OtherCallsRunOneAtATimeInTheModelsOrder()
    {
        _model.CallTools(("slow_write", """{"key":"a"}""", null), ("slow_write", """{"key":"b"}""", null)).Reply("done");
        await Runner().RunAsync("write both");
        Assert.That(_tools.Log, Is.EqualTo(new[] { "start a", "end a", "start b", "end b" }));
    }

    [Test]
    public async Task ResultsFollowTheModelsOrderWhateverFinishesFirst()
    {
        _model.CallTools(("slow_read", """{"key":"slow","delayMilliseconds":200}""", "c1"), ("slow_read", """{"key":"fast","delayMilliseconds":1}""", "c2")).Reply("done");
        ToolRunResult result = await Runner().RunAsync("read");
        Assert.That(_tools.Log.Last(), Is.EqualTo("end slow"), "the fast one finished first");
        Assert.That(result.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId), Is.EqualTo(new[] { "c1", "c2" }));
    }

    [Test]
    public async Task WithoutParallelCallsEvenReadsRunInOrder()
    {
        _model.CallTools(("slow_read", """{"key":"a","delayMilliseconds":50}""", null), ("slow_read", """{"key":"b","delayMilliseconds":50}""", null)).Reply("done");
        await Runner(new ToolRunnerOptions { AllowParallelToolCalls = false }).RunAsync("read");
        Assert.That(_tools.Log, Is.EqualTo(new[] { "start a", "end a", "start b", "end b" }));
        Assert.That(_model.Requests[0].AllowParallelToolCalls, Is.False);
    }

    [Test]
    public async Task MaxRoundsEndsWithARequestThatForbidsTools()
    {
        _model.CallTool("get_order_id", """{"customer":"a"}""").CallTool("get_order_id", """{"customer":"b"}""").CallTool("get_order_id", """{"customer":"c"}""");
        ToolRunResult result = await Runner(new ToolRunnerOptions { MaxRounds = 2 }).RunAsync("loop");
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.MaxRounds));
        Assert.That(_model.Requests.Select(r => r.ToolChoice?.Mode), Is.EqualTo(new ToolChoiceMode?[] { null, null, ToolChoiceMode.None }), "unset until the last request");
        Assert.That(_tools.Log, Is.EqualTo(new[] { "get_order_id a", "get_order_id b" }), "the third call never runs");
        Assert.That(result.Messages.Last().Role, Is.EqualTo(ChatRole.Tool), "the refused call still gets a result, so the transcript can be resumed");
        Assert.That(result.Messages.Last().IsError, Is.True);
    }

    [Test]
    public async Task MaxConsecutiveErrorsStopsAModelThatKeepsFailing()
    {
        _model.CallTool("nope").CallTool("nope").CallTool("nope");
        ToolRunResult result = await Runner(new ToolRunnerOptions { MaxConsecutiveErrors = 3 }).RunAsync("x");
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.MaxConsecutiveErrors));
        Assert.That(result.ModelCalls, Is.EqualTo(3));
        Assert.That(ToolText(result, 0), Does.StartWith("There is no tool named \"nope\". Available tools: slow_read, slow_write, get_order_id"));
    }

    [Test]
    public async Task ASuccessfulRoundResetsTheErrorCount()
    {
        _model.CallTool("nope").CallTool("get_order_id", """{"customer":"a"}""").CallTool("nope").Reply("ok");
        ToolRunResult result = await Runner(new ToolRunnerOptions { MaxConsecutiveErrors = 2 }).RunAsync("x");
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
    }

    [Test]
    public async Task ASlowToolTimesOutAndTheModelIsTold()
    {
        _model.CallTool("hang").Reply("It took too long.");
        ToolRunResult result = await Runner(new ToolRunnerOptions { ToolTimeout = TimeSpan.FromMilliseconds(100) }).RunAsync("wait");
        Assert.That(result.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.TimedOut));
        Assert.That(ToolText(result, 0), Is.EqualTo("Tool hang did not finish within 0.1 seconds and was stopped. Try again later or with a smaller request."));
        Assert.That(result.Text, Is.EqualTo("It took too long."));
    }

    [Test]
    public void CancellingTheRunStopsARunningTool()
    {
        _model.CallTool("hang").Reply("never");
        using var cancel = new CancellationTokenSource();
        Task<ToolRunResult> run = Runner().RunAsync("wait", cancel.Token);
        Assert.That(SpinWait.SpinUntil(() => _tools.Log.Contains("hang"), TimeSpan.FromSeconds(5)), Is.True, "the tool started");
        cancel.Cancel();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_model.Remaining, Is.EqualTo(1), "the model is not asked again");
    }

    [Test]
    public async Task AToolThatIgnoresItsTokenStillTimesOut()
    {
        var stubborn = new ToolDescriptor("stubborn", "Never returns and ignores cancellation.", """{"type":"object"}"""u8.ToArray(),
            (_, _, _) => new ValueTask<ToolResult>(new TaskCompletionSource<ToolResult>().Task));
        _model.CallTool("stubborn").Reply("gave up");
        ToolRunResult result = await new ToolRunner(_model, ToolSet.Create(stubborn), new ToolRunnerOptions { ToolTimeout = TimeSpan.FromMilliseconds(50) }).RunAsync("x");
        Assert.That(result.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.TimedOut));
    }

    [Test]
    public async Task ACanceledResultWithoutATimeoutStaysCanceled()
    {
        var canceled = new ToolDescriptor("canceled", "Reports that it was canceled.", """{"type":"object"}"""u8.ToArray(),
            (_, _, _) => new ValueTask<ToolResult>(ToolResult.Error(ToolResultKind.Canceled, "stopped by the user")));
        _model.CallTool("canceled").Reply("ok");
        ToolRunResult result = await new ToolRunner(_model, ToolSet.Create(canceled)).RunAsync("x");
        Assert.That(result.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.Canceled));
    }

    [Test]
    public async Task AnApproverThatThrowsDeniesTheCall()
    {
        _model.CallTool("delete_account", """{"user":"ada"}""").Reply("ok");
        ToolRunResult result = await Runner(new ToolRunnerOptions { ApproveAsync = (_, _) => throw new TimeoutException("the user went away") }).RunAsync("x");
        Assert.That(_tools.Log, Is.Empty);
        Assert.That(result.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.Denied));
    }

    [Test]
    public async Task AWriteBetweenReadsSplitsThemIntoSeparateBatches()
    {
        _model.CallTools(("slow_read", """{"key":"a","delayMilliseconds":30}""", null), ("slow_write", """{"key":"w"}""", null),
            ("slow_read", """{"key":"b","delayMilliseconds":30}""", null)).Reply("done");
        await Runner().RunAsync("x");
        Assert.That(_tools.Log, Is.EqualTo(new[] { "start a", "end a", "start w", "end w", "start b", "end b" }));
    }

    [Test]
    public async Task InvalidArgumentsReachTheModelAsAPreciseError()
    {
        _model.CallTool("ship_order", """{"orderId":"forty-two"}""").CallTool("ship_order", """{"orderId":42}""").Reply("shipped");
        ToolRunResult result = await Runner().RunAsync("ship");
        Assert.That(ToolText(result, 0), Is.EqualTo("Invalid arguments for ship_order: $.orderId: expected an integer from -2147483648 to 2147483647, got the string \"forty-two\". Fix the arguments and call again."));
        Assert.That(result.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.IsError), Is.EqualTo(new[] { true, false }));
        Assert.That(_tools.Log, Is.EqualTo(new[] { "ship_order 42" }));
    }

    [Test]
    public async Task ExceptionsAreHiddenUnlessEnabled()
    {
        _model.CallTool("fail").Reply("sorry");
        ToolRunResult hidden = await Runner().RunAsync("x");
        Assert.That(ToolText(hidden, 0), Does.Not.Contain("hunter2"));
        Assert.That(hidden.ToolCalls.Single().Result.Exception!.Message, Does.Contain("hunter2"), "the application still sees it");

        _model.CallTool("fail").Reply("sorry");
        ToolRunResult shown = await Runner(new ToolRunnerOptions { IncludeExceptionDetails = true }).RunAsync("x");
        Assert.That(ToolText(shown, 0), Is.EqualTo("Tool fail failed: InvalidOperationException: database password is hunter2"));
    }

    [Test]
    public async Task ApprovedCallsRun()
    {
        var asked = new List<string>();
        _model.CallTool("delete_account", """{"user":"ada"}""").Reply("deleted");
        ToolRunResult result = await Runner(new ToolRunnerOptions
        {
            ApproveAsync = (request, _) => { asked.Add(request.Call.Arguments); return ValueTask.FromResult(true); },
        }).RunAsync("delete me");
        Assert.That(asked, Is.EqualTo(new[] { """{"user":"ada"}""" }));
        Assert.That(_tools.Log, Is.EqualTo(new[] { "delete_account ada" }));
        Assert.That(ToolText(result, 0), Is.EqualTo("deleted ada"));
    }

    [Test]
    public async Task DeniedCallsDoNotRunAndTheModelIsTold()
    {
        _model.CallTool("delete_account", """{"user":"ada"}""").Reply("ok");
        ToolRunResult result = await Runner(new ToolRunnerOptions { ApproveAsync = (_, _) => ValueTask.FromResult(false) }).RunAsync("delete me");
        Assert.That(_tools.Log, Is.Empty);
        Assert.That(result.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.Denied));
        Assert.That(ToolText(result, 0), Is.EqualTo("The user did not approve this call to delete_account. Do not retry it; ask the user what to do instead."));
    }

    [Test]
    public async Task WithoutAnApproverTheRunStopsForApproval()
    {
        _model.CallTool("delete_account", """{"user":"ada"}""", "c1");
        ToolRunResult result = await Runner().RunAsync("delete me");
        Assert.That(_tools.Log, Is.Empty);
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));
        PendingApproval pending = result.PendingApprovals.Single();
        Assert.That((pending.CallId, pending.ToolName, pending.Arguments), Is.EqualTo(("c1", "delete_account", """{"user":"ada"}""")));
        Assert.That(pending.ArgumentsHash, Is.EqualTo(ToolApprovalDecision.HashArguments("""{"user":"ada"}""")));
        Assert.That(pending.Hints & ToolHints.RequiresApproval, Is.EqualTo(ToolHints.RequiresApproval));
        Assert.That(result.Messages[^1].ToolCalls.Single().Id, Is.EqualTo("c1"), "the call waits, unanswered");
        _model.AssertAllConsumed();
    }

    [Test]
    public async Task AForcedChoiceAppliesToTheFirstRoundOnly()
    {
        _model.CallTool("get_order_id", """{"customer":"a"}""").Reply("42");
        await Runner(new ToolRunnerOptions { ToolChoice = ToolChoice.Tool("get_order_id") }).RunAsync("x");
        Assert.That(_model.Requests[0].ToolChoice, Is.EqualTo(ToolChoice.Tool("get_order_id")));
        Assert.That(_model.Requests[1].ToolChoice, Is.SameAs(ToolChoice.Auto));

        _model.CallTool("get_order_id", """{"customer":"a"}""").Reply("42");
        await Runner(new ToolRunnerOptions { ToolChoice = ToolChoice.Required }).RunAsync("x");
        Assert.That(_model.Requests.Skip(2).Select(r => r.ToolChoice!.Mode), Is.EqualTo(new[] { ToolChoiceMode.Required, ToolChoiceMode.Auto }));
    }

    [Test]
    public async Task CallsOutsideTheAllowedToolsAreRefused()
    {
        _model.CallTools(("ship_order", """{"orderId":1}""", null), ("get_order_id", """{"customer":"a"}""", null)).Reply("ok");
        ToolRunResult result = await Runner(new ToolRunnerOptions { ToolChoice = ToolChoice.Allowed(["get_order_id"], required: true) }).RunAsync("x");
        Assert.That(_tools.Log, Is.EqualTo(new[] { "get_order_id a" }));
        Assert.That(ToolText(result, 0), Is.EqualTo("Tool ship_order is not allowed in this request (allowed: get_order_id). Do not call it again."));
        Assert.That(_model.Requests[1].ToolChoice!.AllowedTools, Is.EqualTo(new[] { "get_order_id" }), "the subset stays, only the forcing ends");
        Assert.That(_model.Requests[1].ToolChoice!.Mode, Is.EqualTo(ToolChoiceMode.Auto));
    }

    [Test]
    public async Task AStopToolEndsTheRunWithItsResult()
    {
        _model.CallTool("get_order_id", """{"customer":"a"}""").CallTool("finish", """{"summary":"Order 42 found"}""").Reply("never asked");
        ToolRunResult result = await Runner(new ToolRunnerOptions { StopAfterTools = ["finish"] }).RunAsync("x");
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.StopTool));
        Assert.That(result.StopToolResult!.Content, Is.EqualTo("Order 42 found"));
        Assert.That(_model.Remaining, Is.EqualTo(1));
    }

    [Test]
    public async Task HooksSeeEveryCallBeforeAndAfter()
    {
        var seen = new List<string>();
        _model.CallTool("get_order_id", """{"customer":"a"}""").CallTool("nope").Reply("ok");
        await Runner(new ToolRunnerOptions
        {
            OnToolCalling = (e, _) => { seen.Add($"before {e.Call.Name} round {e.Round}"); return ValueTask.CompletedTask; },
            OnToolCalled = (e, r, _) => { seen.Add($"after {e.Call.Name} {r.Kind}"); return ValueTask.CompletedTask; },
        }).RunAsync("x");
        Assert.That(seen, Is.EqualTo(new[] { "before get_order_id round 1", "after get_order_id Success", "after nope UnknownTool" }));
    }

    [Test]
    public async Task StreamingReportsTextAndToolCallsInOrder()
    {
        _model.CallTool("get_order_id", """{"customer":"ada"}""").Reply("Your order is number 42.");
        var updates = new List<ToolRunUpdate>();
        await foreach (ToolRunUpdate update in Runner().RunStreamingAsync("order?")) updates.Add(update);

        Assert.That(updates.Select(u => u.Kind).Distinct(), Is.EqualTo(new[] { ToolRunUpdateKind.ToolCallStarted, ToolRunUpdateKind.ToolCallCompleted, ToolRunUpdateKind.TextDelta, ToolRunUpdateKind.Completed }));
        Assert.That(string.Concat(updates.Where(u => u.Kind == ToolRunUpdateKind.TextDelta).Select(u => u.TextDelta)), Is.EqualTo("Your order is number 42."));
        Assert.That(updates.Count(u => u.Kind == ToolRunUpdateKind.TextDelta), Is.GreaterThan(1), "text arrives in pieces");
        ToolCall call = updates.First(u => u.Kind == ToolRunUpdateKind.ToolCallStarted).Call!;
        Assert.That(call.Arguments, Is.EqualTo("""{"customer":"ada"}"""), "argument fragments are reassembled");
        ToolRunResult result = updates.Last().Result!;
        Assert.That(result.Text, Is.EqualTo("Your order is number 42."));
        Assert.That(_tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
    }

    [Test]
    public async Task AConversationResumesFromItsTranscript()
    {
        _model.CallTool("get_order_id", """{"customer":"ada"}""").Reply("It is 42.");
        ToolRunResult first = await Runner().RunAsync("Which order?");
        _model.Reply("You're welcome.");
        ToolRunResult second = await Runner().RunAsync([.. first.Messages, ChatMessage.User("Thanks!")]);
        Assert.That(_model.Requests.Last().Messages.Count, Is.EqualTo(first.Messages.Count + 1));
        Assert.That(second.Messages.Take(first.Messages.Count), Is.EqualTo(first.Messages));
        Assert.That(second.Text, Is.EqualTo("You're welcome."));
    }

    [Test]
    public async Task TelemetryFollowsTheGenAIConventions()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ToolTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        _model.CallTool("get_order_id", """{"customer":"ada"}""", "call_7").Reply("42", new ChatUsage(11, 3));
        await Runner().RunAsync("x");

        Activity tool = activities.Single(a => a.OperationName == "execute_tool get_order_id");
        Assert.That(tool.GetTagItem("gen_ai.operation.name"), Is.EqualTo("execute_tool"));
        Assert.That(tool.GetTagItem("gen_ai.tool.call.id"), Is.EqualTo("call_7"));
        Activity[] chats = [.. activities.Where(a => a.OperationName == "chat")];
        Assert.That(chats, Has.Length.EqualTo(2));
        Assert.That(chats[1].GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(11L));
        Assert.That(chats[1].GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(3L));
    }

    [Test]
    public void AnExhaustedScriptSaysSo()
    {
        Assert.That(async () => await Runner().RunAsync("x"),
            Throws.TypeOf<ToolRunException>().With.InnerException.TypeOf<InvalidOperationException>().With.InnerException.Message.Contains("no response left for request 1"));
    }
}
