using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests.Hardening;

/// <summary>A thousand runs at once over one shared runner and tool set: no cross-talk, right answers, nothing left running.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public async Task AThousandConcurrentRunsDoNotMixUp()
    {
        var tools = new ConcurrencyTools();
        var runner = new ToolRunner(new PerConversationModel(), tools.Tools + FuzzTools.Tools, new ToolRunnerOptions { MaxConcurrency = 2 });

        ToolRunResult[] results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(n => Task.Run(() => runner.RunAsync($"run {n}"))));

        for (int n = 0; n < results.Length; n++)
        {
            ToolRunResult result = results[n];
            Assert.That(result.Text, Is.EqualTo($"recorded item-{n} for {n}"), $"run {n}");
            Assert.That(result.ToolCalls.Select(c => c.Result.Content), Is.EqualTo(new[] { $"item-{n}", $"item-{n + 5000}", $"recorded item-{n} for {n}" }), $"run {n}");
            Assert.That(result.Messages[0].Text, Is.EqualTo($"run {n}"));
        }
        Assert.That((tools.Started, tools.Finished, tools.InFlight), Is.EqualTo((3000, 3000, 0)));
    }

    [Test]
    public async Task CanceledRunsAmongThemLeaveNoCallRunning()
    {
        var tools = new ConcurrencyTools();
        var runner = new ToolRunner(new PerConversationModel(), tools.Tools);
        using var cancel = new CancellationTokenSource();

        Task<ToolRunResult>[] runs = [.. Enumerable.Range(0, 1000).Select(n => Task.Run(() => runner.RunAsync($"run {n}", n % 4 == 0 ? cancel.Token : CancellationToken.None)))];
        cancel.CancelAfter(5);
        int completed = 0, canceled = 0;
        foreach (Task<ToolRunResult> run in runs)
        {
            try
            {
                ToolRunResult result = await run;
                Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
                completed++;
            }
            catch (ToolRunCanceledException exception)
            {
                // Every call before the last turn is answered; the last turn's calls that did not finish stay unanswered
                // (read-only calls are safe to run again), so resuming runs exactly those.
                ToolRunResult partial = exception.PartialResult;
                ChatMessage[] turns = [.. partial.Messages.Where(m => m.Role == ChatRole.Assistant)];
                int earlierCalls = turns.SkipLast(1).Sum(m => m.ToolCalls.Count);
                int answered = partial.Messages.Count(m => m.Role == ChatRole.Tool);
                Assert.That(answered, Is.InRange(earlierCalls, earlierCalls + (turns.Length == 0 ? 0 : turns[^1].ToolCalls.Count)));
                canceled++;
            }
        }

        Assert.That(completed + canceled, Is.EqualTo(1000));
        Assert.That(completed, Is.GreaterThanOrEqualTo(750), "only a quarter of the runs can be canceled");
        Assert.That(tools.InFlight, Is.Zero, "no tool call outlives its run");
        Assert.That(tools.Finished, Is.EqualTo(tools.Started));
    }

    /// <summary>
    /// A stateless model that reads only the conversation it is sent: "run n" asks for two lookups at once, then for
    /// recording the first, then answers with the recording. A reply that names another conversation's n would show.
    /// </summary>
    private sealed class PerConversationModel : IChatModel
    {
        public Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = int.Parse(request.Messages[0].Text!["run ".Length..], CultureInfo.InvariantCulture);
            ChatMessage[] results = [.. request.Messages.Where(m => m.Role == ChatRole.Tool)];
            ChatMessage reply = results.Length switch
            {
                0 => ChatMessage.Assistant(null, [new ToolCall($"a{n}", "lookup", $$"""{"n":{{n}}}"""), new ToolCall($"b{n}", "lookup", $$"""{"n":{{n + 5000}}}""")]),
                2 => ChatMessage.Assistant(null, [new ToolCall($"c{n}", "record", $$"""{"n":{{n}},"item":"{{results[0].Text}}"}""")]),
                _ => ChatMessage.Assistant(results[^1].Text),
            };
            return Task.FromResult(new ChatResponse { Message = reply, FinishReason = reply.ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop });
        }

        public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new NotSupportedException();
#pragma warning disable CS0162 // An iterator needs a yield.
            yield break;
#pragma warning restore CS0162
        }
    }
}
