using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests.Running;

/// <summary>The step API (<see cref="ToolLoop"/>), resuming interrupted runs, per-tool policy and model-directed retries.</summary>
public sealed class StepApiTests
{
    private static ScriptedChatModel Script() => new ScriptedChatModel()
        .CallTools(("find", """{"key":"a"}""", "c1"), ("find", """{"key":"b"}""", "c2"), ("transfer", """{"to":"bob","amount":5}""", "c3"))
        .CallTool("note", """{"text":"done"}""", "c4")
        .Then(request => ScriptedChatModel.Respond(request, text: "Finished after " + request.Messages.Count(m => m.Role == ChatRole.Tool) + " results."));

    [Test]
    public async Task TheStepApiDrivesAWholeConversationWithoutAToolRunner()
    {
        var tools = new LoopTools();
        var model = Script();
        var loop = new ToolLoop(tools.Tools);
        IReadOnlyList<ChatMessage> conversation = [ChatMessage.User("go")];
        var steps = new List<string>();
        DoneStep? done = null;
        IEnumerable<ToolApprovalDecision>? decisions = null;
        while (done is null)
        {
            ToolLoopStep step = loop.Next(conversation, decisions);
            decisions = null;
            switch (step)
            {
                case CallModelStep call:
                    steps.Add("model");
                    conversation = ToolLoop.AddResponse(conversation, await model.CompleteAsync(call.Request));
                    break;
                case RunToolsStep run:
                    steps.Add("tools " + string.Join(" ", run.Batches.Select(b => (b.Concurrent ? "concurrent:" : "") + string.Join(",", b.Calls.Select(c => c.Call.Id)))));
                    var results = new List<(ToolCall, ToolResult)>();
                    foreach (PlannedToolCall planned in run.Calls) results.Add((planned.Call, await loop.RunToolCallAsync(planned, run.Round)));
                    conversation = ToolLoop.AddToolResults(conversation, results);
                    break;
                case AwaitApprovalStep wait:
                    steps.Add("approve " + string.Join(",", wait.Pending.Select(p => p.CallId)));
                    decisions = wait.Pending.Select(p => p.Approve()).ToArray();
                    break;
                case DoneStep finished:
                    done = finished;
                    break;
            }
        }

        Assert.That(steps, Is.EqualTo(new[] { "model", "approve c3", "tools concurrent:c1,c2 c3", "model", "tools c4", "model" }));
        Assert.That(done.Reason, Is.EqualTo(ToolRunStopReason.Answered));
        Assert.That(done.Text, Is.EqualTo("Finished after 4 results."));
        Assert.That(tools.Log.Take(2), Is.EquivalentTo(new[] { "find a", "find b" }));
        Assert.That(tools.Log.Skip(2), Is.EqualTo(new[] { "transfer bob 5", "note done" }));

        // The runner is the same loop: the same transcript.
        ToolRunResult run2 = await new ToolRunner(Script(), new LoopTools().Tools, new ToolRunnerOptions { ApproveAsync = (_, _) => ValueTask.FromResult(true) }).RunAsync("go");
        Assert.That(ConversationText.Render(run2.Messages), Is.EqualTo(ConversationText.Render(conversation)));
    }

    [Test]
    public async Task ARunInterruptedAfterTwoOfThreeCallsResumesOnlyTheThird()
    {
        var tools = new LoopTools();
        var model = new ScriptedChatModel()
            .CallTools(("note", """{"text":"1"}""", "c1"), ("note", """{"text":"2"}""", "c2"), ("note", """{"text":"3"}""", "c3"));
        using var cancel = new CancellationTokenSource();
        var options = new ToolRunnerOptions
        {
            OnToolCalled = (call, _, _) => { if (call.Call.Id == "c2") cancel.Cancel(); return ValueTask.CompletedTask; },
        };

        var error = Assert.ThrowsAsync<ToolRunCanceledException>(() => new ToolRunner(model, tools.Tools, options).RunAsync("go", cancel.Token))!;
        ToolRunResult partial = error.PartialResult;
        Assert.That(partial.StopReason, Is.EqualTo(ToolRunStopReason.Canceled));
        Assert.That(partial.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(tools.Log, Is.EqualTo(new[] { "note 1", "note 2" }));

        // The stored messages go to a new runner: c3 runs, c1 and c2 do not run again, and the model sees every result.
        var resumedModel = new ScriptedChatModel().Reply("all noted");
        ToolRunResult resumed = await new ToolRunner(resumedModel, tools.Tools).RunAsync(partial.Messages);
        Assert.That(tools.Log, Is.EqualTo(new[] { "note 1", "note 2", "note 3" }));
        Assert.That(resumed.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId), Is.EqualTo(new[] { "c1", "c2", "c3" }));
        Assert.That(resumedModel.Requests.Single().Messages.Count(m => m.Role == ChatRole.Tool), Is.EqualTo(3), "never sent half-answered");
        Assert.That(resumed.Text, Is.EqualTo("all noted"));
    }

    [Test]
    public async Task AConversationEndingWithUnansweredCallsIsAnsweredBeforeTheModelSeesIt()
    {
        var tools = new LoopTools();
        ChatMessage[] conversation =
        [
            ChatMessage.User("go"),
            ChatMessage.Assistant("Looking.", [new ToolCall("c1", "find", """{"key":"z"}"""), new ToolCall("c2", "nope", "{}")]),
            ChatMessage.ToolResult(new ToolCall("c1", "find", """{"key":"z"}"""), ToolResult.FromText("Z")),
        ];
        var model = new ScriptedChatModel().Reply("ok");
        ToolRunResult result = await new ToolRunner(model, tools.Tools).RunAsync(conversation);

        Assert.That(tools.Log, Is.Empty, "c1 already has its result");
        ChatMessage[] sent = [.. model.Requests.Single().Messages];
        Assert.That(sent.Where(m => m.Role == ChatRole.Tool).Select(m => (m.ToolCallId, m.ResultKind)),
            Is.EqualTo(new[] { ("c1", ToolResultKind.Success), ("c2", ToolResultKind.UnknownTool) }));
        Assert.That(result.Text, Is.EqualTo("ok"));
    }

    [Test]
    public void TheLoopRefusesAnEmptyConversationAndResultsForNoCall()
    {
        var loop = new ToolLoop(new LoopTools().Tools);
        Assert.That(() => loop.Next([]), Throws.ArgumentException.With.Message.StartsWith("The conversation is empty"));
        IReadOnlyList<ChatMessage> conversation = [ChatMessage.User("go"), ChatMessage.Assistant(null, [new ToolCall("c1", "find", "{}")])];
        Assert.That(() => ToolLoop.AddToolResults(conversation, [(new ToolCall("c9", "find", "{}"), ToolResult.Done)]),
            Throws.ArgumentException.With.Message.StartsWith("Call c9 is not a call of the model's last turn."));
        conversation = ToolLoop.AddToolResults(conversation, [(new ToolCall("c1", "find", "{}"), ToolResult.Done)]);
        Assert.That(() => ToolLoop.AddToolResults(conversation, [(new ToolCall("c1", "find", "{}"), ToolResult.Done)]),
            Throws.ArgumentException.With.Message.StartsWith("Call c1 already has a result."));
    }

    [Test]
    public async Task AToolCanAskTheModelToCorrectItselfWithinABudget()
    {
        var tools = new LoopTools();
        var model = new ScriptedChatModel()
            .CallTool("book", """{"date":"2026-01-31"}""", "c1")
            .CallTool("book", """{"date":"2027-01-31"}""", "c2")
            .Reply("Booked.");
        ToolRunResult result = await new ToolRunner(model, tools.Tools).RunAsync("book january 31");

        ChatMessage retry = result.Messages.Single(m => m.ToolCallId == "c1");
        Assert.That(retry.ResultKind, Is.EqualTo(ToolResultKind.Retry));
        Assert.That(retry.Text, Is.EqualTo("book asks you to correct the call: 2026-01-31 is in the past; the date must be in the future (2027 or later)."));
        Assert.That(result.Messages.Single(m => m.ToolCallId == "c2").Text, Is.EqualTo("booked 2027-01-31"));
        Assert.That(result.Text, Is.EqualTo("Booked."));

        // With a budget of one, the second request for a correction is a failure the model is told not to retry.
        var stubborn = new ScriptedChatModel()
            .CallTool("book", """{"date":"2026-01-01"}""", "c1")
            .CallTool("book", """{"date":"2026-01-02"}""", "c2")
            .Reply("Sorry.");
        result = await new ToolRunner(stubborn, tools.Tools, new ToolRunnerOptions { MaxRetries = 1 }).RunAsync("book");
        ChatMessage spent = result.Messages.Single(m => m.ToolCallId == "c2");
        Assert.That(spent.ResultKind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(spent.Text, Does.EndWith("No more corrections are possible: book already asked for 1 in this run. Tell the user what is wrong instead of calling it again."));
        Assert.That(ToolResult.Retry("x").Kind, Is.EqualTo(ToolResultKind.Retry));
    }

    [Test]
    public async Task APerToolTimeoutOverridesTheRunsTimeout()
    {
        var slow = new ToolDescriptor("slow", "Waits.", """{"type":"object"}"""u8.ToArray(), async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ToolResult.Done;
        })
        { Timeout = TimeSpan.FromMilliseconds(50) };
        var model = new ScriptedChatModel().CallTool("slow", "{}", "c1").Reply("gave up");
        ToolRunResult result = await new ToolRunner(model, ToolSet.Create(slow), new ToolRunnerOptions { ToolTimeout = TimeSpan.FromHours(1) }).RunAsync("wait");

        ChatMessage timedOut = result.Messages.Single(m => m.ToolCallId == "c1");
        Assert.That(timedOut.ResultKind, Is.EqualTo(ToolResultKind.TimedOut));
        Assert.That(timedOut.Text, Is.EqualTo("Tool slow did not finish within 0.05 seconds and was stopped. Try again later or with a smaller request."));
    }

    [Test]
    public void PlannedCallsSayWhatAnEngineMayRetry()
    {
        var tools = new LoopTools().Tools;
        var loop = new ToolLoop(tools);
        ToolLoopStep step = loop.Next([ChatMessage.User("go"), ChatMessage.Assistant(null, [new ToolCall("c1", "find", """{"key":"a"}"""), new ToolCall("c2", "note", """{"text":"x"}""")])]);
        PlannedToolCall[] calls = [.. ((RunToolsStep)step).Calls];
        Assert.That(calls.Select(c => c.MayRetry), Is.EqualTo(new[] { true, false }), "a read-only lookup may run again; a note may not");
    }

    [Test]
    public void MessagesAreEqualByValueAlsoAfterATranscriptRoundTrip()
    {
        ChatMessage a = ChatMessage.User(new TextPart("What is this?"), ImagePart.FromBytes(new byte[] { 1, 2, 3 }, "image/png"));
        ChatMessage b = ChatMessage.User(new TextPart("What is this?"), ImagePart.FromBytes(new byte[] { 1, 2, 3 }, "image/png"));
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(ChatMessage.User("What is this?")));
        Assert.That(a, Is.Not.EqualTo(ChatMessage.User(new TextPart("What is this?"), ImagePart.FromBytes(new byte[] { 1, 2, 4 }, "image/png"))));

        ChatMessage[] conversation =
        [
            a,
            ChatMessage.Assistant([new ReasoningPart("anthropic", """{"type":"thinking","thinking":"…","signature":"sig"}"""), new ToolCall("c1", "find", """{"key":"a"}""")]),
            ChatMessage.ToolResult(new ToolCall("c1", "find", """{"key":"a"}"""), ToolResult.FromJson("""{"value":"A"}"""u8.ToArray())),
        ];
        Assert.That(ToolGen.Transcripts.Transcript.DeserializeMessages(ToolGen.Transcripts.Transcript.Serialize(conversation)), Is.EqualTo(conversation));
    }

    [Test]
    public async Task StreamedTextAfterReasoningOrACallKeepsItsPlace()
    {
        ChatPart[] parts =
        [
            new ReasoningPart("anthropic", """{"type":"thinking","thinking":"a","signature":"s1"}"""),
            new TextPart("First I look."),
            new ReasoningPart("anthropic", """{"type":"thinking","thinking":"b","signature":"s2"}"""),
            new TextPart("Then I answer."),
            new ToolCall("c1", "find", """{"key":"a"}"""),
        ];
        var model = new ScriptedChatModel().Then(_ => new ChatResponse { Message = ChatMessage.Assistant(parts), FinishReason = ChatFinishReason.ToolCalls });
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in model.StreamAsync(new ChatRequest { Messages = [ChatMessage.User("go")] })) assembler.Add(update);
        Assert.That(assembler.ToResponse().Message.Parts, Is.EqualTo(parts));
        Assert.That(assembler.ToResponse().Message.Text, Is.EqualTo("First I look.Then I answer."));
    }
}
