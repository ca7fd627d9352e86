using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;
using ToolGen.Tests.Tools;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Running;

/// <summary>Approvals as data: a run stops for approval, is stored, and resumes in another runner with the decisions.</summary>
public sealed class ApprovalTests
{
    private const string TransferArguments = """{"to":"bob","amount":5}""";

    // One turn with three calls: a read, a transfer that needs approval, a note; then the answer.
    private static ScriptedChatModel Script() => new ScriptedChatModel()
        .CallTools(("find", """{"key":"a"}""", "c1"), ("transfer", TransferArguments, "c2"), ("note", """{"text":"x"}""", "c3"))
        .Then(Answer);

    // The model's answer after the tool round: what the resumed run's model says.
    private static ScriptedChatModel AnswerOnly() => new ScriptedChatModel().Then(Answer);

    private static ChatResponse Answer(ChatRequest request) =>
        ScriptedChatModel.Respond(request, text: "Results: " + string.Join(", ", request.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.Text)));

    [Test]
    public async Task AStoppedRunResumedInAnotherRunnerGivesTheTranscriptOfAnInProcessApproval()
    {
        // In-process: the approver says yes.
        var inProcessTools = new LoopTools();
        ToolRunResult approvedInProcess = await new ToolRunner(Script(), inProcessTools.Tools,
            new ToolRunnerOptions { ApproveAsync = (_, _) => ValueTask.FromResult(true) }).RunAsync("go");

        // Stored: no approver, so the run stops; the calls that need no approval ran.
        var firstTools = new LoopTools();
        ScriptedChatModel firstModel = Script();
        ToolRunResult stopped = await new ToolRunner(firstModel, firstTools.Tools).RunAsync("go");
        Assert.That(stopped.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));
        Assert.That(firstTools.Log, Is.EqualTo(new[] { "find a", "note x" }), "selective: only the transfer waits");
        PendingApproval pending = stopped.PendingApprovals.Single();
        Assert.That(pending, Is.EqualTo(new PendingApproval("c2", "transfer", TransferArguments, ToolApprovalDecision.HashArguments(TransferArguments),
            ToolHints.Destructive | ToolHints.RequiresApproval, inProcessTools.Tools["transfer"].ContractFingerprint)));
        Assert.That(firstModel.Requests, Has.Count.EqualTo(1));

        // Stored as JSON and loaded again; a new runner over a new ToolSet instance and a new model resumes with the approval.
        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(stopped));
        Assert.That(loaded.PendingApprovals, Is.EqualTo(stopped.PendingApprovals));
        var secondTools = new LoopTools();
        ToolRunResult resumed = await new ToolRunner(AnswerOnly(), secondTools.Tools).ResumeAsync(loaded, [loaded.PendingApprovals[0].Approve()]);

        Assert.That(secondTools.Log, Is.EqualTo(new[] { "transfer bob 5" }), "only the approved call ran");
        Assert.That(resumed.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
        Assert.That(ConversationText.Render(resumed.Messages), Is.EqualTo(ConversationText.Render(approvedInProcess.Messages)));
        Assert.That(Transcript.Serialize(resumed.Messages), Is.EqualTo(Transcript.Serialize(approvedInProcess.Messages)), "byte for byte");
        Assert.That(resumed.ToolCalls.Select(r => r.Call.Id), Is.EquivalentTo(new[] { "c1", "c2", "c3" }), "records continue the stopped run");
        Assert.That(resumed.ModelCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task ADenialAnswersTheCallWithTheReasonAndTheRunGoesOn()
    {
        var tools = new LoopTools();
        ToolRunResult stopped = await new ToolRunner(Script(), tools.Tools).RunAsync("go");
        ToolRunResult resumed = await new ToolRunner(AnswerOnly(), tools.Tools).ResumeAsync(stopped, [stopped.PendingApprovals[0].Deny("Bob is not a known payee.")]);

        Assert.That(tools.Log, Does.Not.Contain("transfer bob 5"));
        ChatMessage denied = resumed.Messages.Single(m => m.ToolCallId == "c2");
        Assert.That(denied.ResultKind, Is.EqualTo(ToolResultKind.Denied));
        Assert.That(denied.Text, Is.EqualTo("The user denied this call to transfer: Bob is not a known payee. Do not retry it; ask the user what to do instead."));
        Assert.That(resumed.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId), Is.EqualTo(new[] { "c1", "c2", "c3" }), "in the model's order");
        Assert.That(resumed.Text, Does.StartWith("Results: "));
    }

    [Test]
    public async Task DecisionsForOtherArgumentsUnknownCallsOrTwiceAreRefusedAndNothingRuns()
    {
        var tools = new LoopTools();
        ToolRunResult stopped = await new ToolRunner(Script(), tools.Tools).RunAsync("go");
        PendingApproval pending = stopped.PendingApprovals[0];
        var model = AnswerOnly();
        var runner = new ToolRunner(model, new LoopTools().Tools);

        var tampered = new ToolApprovalDecision("c2", ToolApprovalDecision.HashArguments("""{"to":"mallory","amount":5000}"""), pending.ContractFingerprint, true, null);
        var error = Assert.ThrowsAsync<ToolApprovalException>(() => runner.ResumeAsync(stopped, [tampered]))!;
        Assert.That(error.Message, Does.StartWith("The decision for call c2 was made for other arguments than the call has"));
        Assert.That(error.CallId, Is.EqualTo("c2"));

        // The stored arguments were altered after the person saw them: the decision no longer matches.
        ChatMessage[] altered = [.. stopped.Messages.Select(m => m.Role == ChatRole.Assistant
            ? ChatMessage.Assistant(null, [.. m.ToolCalls.Select(c => c.Id == "c2" ? new ToolCall("c2", "transfer", """{"to":"mallory","amount":5}""") : c)])
            : m)];
        Assert.That(() => runner.RunAsync(altered, [pending.Approve()]), Throws.InstanceOf<ToolApprovalException>().With.Message.Contains("other arguments"));

        Assert.That(() => runner.ResumeAsync(stopped, [pending.Approve() with { }, new ToolApprovalDecision("c9", pending.ArgumentsHash, null, true, null)]),
            Throws.InstanceOf<ToolApprovalException>().With.Message.EqualTo("No call c9 is waiting for approval in this conversation."));
        Assert.That(() => runner.ResumeAsync(stopped, [pending.Approve(), pending.Deny()]),
            Throws.InstanceOf<ToolApprovalException>().With.Message.EqualTo("Two decisions name call c2; a call is decided once."));
        Assert.That(() => runner.ResumeAsync(stopped, [new ToolApprovalDecision("c1", ToolApprovalDecision.HashArguments("""{"key":"a"}"""), null, true, null)]),
            Throws.InstanceOf<ToolApprovalException>().With.Message.EqualTo("Call c1 already has a result; a decision applies once."));

        Assert.That(model.Requests, Is.Empty, "the model was not called");
        Assert.That(runner.Tools.Count, Is.GreaterThan(0));
    }

    [Test]
    public async Task ADecisionAppliesOnce()
    {
        var tools = new LoopTools();
        ToolRunResult stopped = await new ToolRunner(Script(), tools.Tools).RunAsync("go");
        ToolApprovalDecision approve = stopped.PendingApprovals[0].Approve();
        ToolRunResult resumed = await new ToolRunner(AnswerOnly(), tools.Tools).ResumeAsync(stopped, [approve]);

        // Replayed against the resumed conversation: the call has its result.
        resumed = resumed with { Messages = [.. resumed.Messages, ChatMessage.User("and again")] };
        Assert.That(() => new ToolRunner(new ScriptedChatModel(), tools.Tools).ResumeAsync(resumed, [approve]),
            Throws.InstanceOf<ToolApprovalException>().With.Message.EqualTo("Call c2 already has a result; a decision applies once."));
        Assert.That(tools.Log.Count(l => l.StartsWith("transfer", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task AToolWhoseContractChangedSinceTheRequestDoesNotRun()
    {
        var tools = new LoopTools();
        ToolRunResult stopped = await new ToolRunner(Script(), tools.Tools).RunAsync("go");
        PendingApproval pending = stopped.PendingApprovals[0] with { ContractFingerprint = "tg1-000000000000000000000000" };
        ToolRunResult resumed = await new ToolRunner(AnswerOnly(), tools.Tools).ResumeAsync(stopped, [pending.Approve()]);

        Assert.That(tools.Log, Does.Not.Contain("transfer bob 5"));
        ChatMessage result = resumed.Messages.Single(m => m.ToolCallId == "c2");
        Assert.That(result.ResultKind, Is.EqualTo(ToolResultKind.Denied));
        Assert.That(result.Text, Does.StartWith("Tool transfer changed since approval was asked for this call (tg1-000000000000000000000000 → tg1-"));
    }

    [Test]
    public async Task TheInProcessApproverIsTheSameMechanism()
    {
        var tools = new LoopTools();
        var asked = new List<string>();
        ToolRunResult result = await new ToolRunner(Script(), tools.Tools, new ToolRunnerOptions
        {
            ApproveAsync = (request, _) => { asked.Add($"{request.Call.Id} {request.Tool.Name} {request.Call.Arguments}"); return ValueTask.FromResult(false); },
        }).RunAsync("go");

        Assert.That(asked, Is.EqualTo(new[] { "c2 transfer " + TransferArguments }));
        Assert.That(tools.Log, Is.EqualTo(new[] { "find a", "note x" }), "asked first, then the turn ran in the model's order");
        Assert.That(result.Messages.Single(m => m.ToolCallId == "c2").Text,
            Is.EqualTo("The user did not approve this call to transfer. Do not retry it; ask the user what to do instead."));
        Assert.That(result.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
    }

    [Test]
    public async Task StreamingRunsStopAndResumeTheSameWay()
    {
        var tools = new LoopTools();
        ToolRunResult? stopped = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Script(), tools.Tools).RunStreamingAsync("go"))
        {
            if (update.Kind == ToolRunUpdateKind.Completed) stopped = update.Result;
        }
        Assert.That(stopped!.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));

        var kinds = new List<string>();
        ToolRunResult? resumed = null;
        await foreach (ToolRunUpdate update in new ToolRunner(AnswerOnly(), tools.Tools).ResumeStreamingAsync(stopped, [stopped.PendingApprovals[0].Approve()]))
        {
            if (update.Kind != ToolRunUpdateKind.TextDelta) kinds.Add($"{update.Kind} {update.Call?.Id}".Trim());
            if (update.Kind == ToolRunUpdateKind.Completed) resumed = update.Result;
        }
        Assert.That(kinds, Is.EqualTo(new[] { "ToolCallStarted c2", "ToolCallCompleted c2", "Completed" }));
        Assert.That(resumed!.Text, Is.EqualTo("Results: A, {\"to\":\"bob\",\"amount\":5,\"transactionId\":\"tx-bob\"}, noted x"));
    }

    [Test]
    public async Task ReasoningAndProviderItemsSurviveStreamingInOrder()
    {
        var reasoning = new ReasoningPart("openai", """{"type":"reasoning","id":"rs_1","encrypted_content":"gAAA"}""") { Id = "rs_1", Summary = "Thinking." };
        var item = new ProviderItemPart("openai", """{"type":"web_search_call","id":"ws_1"}""");
        var model = new ScriptedChatModel()
            .Then(_ => new ChatResponse { Message = ChatMessage.Assistant([reasoning, item, new TextPart("Let me look."), new ToolCall("c1", "find", """{"key":"a"}""")]), FinishReason = ChatFinishReason.ToolCalls })
            .Reply("A.");
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in new ToolRunner(model, new LoopTools().Tools).RunStreamingAsync("go"))
        {
            if (update.Kind == ToolRunUpdateKind.Completed) result = update.Result;
        }
        ChatMessage turn = result!.Messages[1];
        Assert.That(turn.Parts, Is.EqualTo(new ChatPart[] { reasoning, item, new TextPart("Let me look."), new ToolCall("c1", "find", """{"key":"a"}""") }));
        Assert.That(model.Requests[1].Messages[1].Parts[0], Is.SameAs(reasoning), "sent back in the next request of the turn");
    }
}
