using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// What comes next in a conversation, as <see cref="ToolLoop.Next"/> decides it: <see cref="CallModelStep"/>,
/// <see cref="RunToolsStep"/>, <see cref="AwaitApprovalStep"/> or <see cref="DoneStep"/>.
/// </summary>
public abstract record ToolLoopStep
{
    private protected ToolLoopStep()
    {
    }
}

/// <summary>Send <see cref="Request"/> to the model, then add its answer with <see cref="ToolLoop.AddResponse"/>.</summary>
/// <param name="Request">The request: the conversation, the tools and the tool choice for this round.</param>
public sealed record CallModelStep(ChatRequest Request) : ToolLoopStep;

/// <summary>
/// Run these tool calls of the model's last turn, then add every result with <see cref="ToolLoop.AddToolResults"/>.
/// The batches run one after the other; the calls of a <see cref="ToolCallBatch.Concurrent"/> batch may run at the same time.
/// </summary>
/// <param name="Batches">The calls, in the model's order, grouped into what may run concurrently and what must run alone.</param>
/// <param name="Round">The round these calls belong to, from 1.</param>
public sealed record RunToolsStep(IReadOnlyList<ToolCallBatch> Batches, int Round) : ToolLoopStep
{
    private PlannedToolCall[]? _calls;

    /// <summary>Every call of the step, in the model's order.</summary>
    public IReadOnlyList<PlannedToolCall> Calls => _calls ??= Flatten(Batches);

    private static PlannedToolCall[] Flatten(IReadOnlyList<ToolCallBatch> batches)
    {
        if (batches.Count == 1 && batches[0].Calls is PlannedToolCall[] only) return only;
        var calls = new List<PlannedToolCall>();
        foreach (ToolCallBatch batch in batches) calls.AddRange(batch.Calls);
        return calls.ToArray();
    }
}

/// <summary>Calls that run one after the other, or (when <see cref="Concurrent"/>) at the same time.</summary>
/// <param name="Calls">The calls, in the model's order.</param>
/// <param name="Concurrent">Whether the calls may run at the same time (consecutive read-only calls).</param>
public sealed record ToolCallBatch(IReadOnlyList<PlannedToolCall> Calls, bool Concurrent);

/// <summary>
/// One call to run with <see cref="ToolLoop.RunToolCallAsync"/>: the call, its tool, and either the answer it gets
/// without running (<see cref="Answer"/>: unknown tool, not allowed, over a limit, denied) or what running it needs.
/// </summary>
/// <param name="Call">What the model asked for.</param>
/// <param name="Tool">The tool, or null when the model named an unknown one.</param>
public sealed record PlannedToolCall(ToolCall Call, ToolDescriptor? Tool)
{
    /// <summary>The result the call gets without running, or null when it runs.</summary>
    public ToolResult? Answer { get; init; }

    /// <summary>How many times this tool already asked the model for a correction in this run (its retry budget spent so far).</summary>
    public int RetriesUsed { get; init; }

    /// <summary>
    /// Whether running the call again after an interruption is safe: it was never started, or its tool is read-only or
    /// idempotent. An engine retries only such calls.
    /// </summary>
    public bool MayRetry => Answer is not null || Tool is null || Tool.IsReadOnly || Tool.IsIdempotent;
}

/// <summary>
/// Calls wait for a person's decision. <see cref="RunFirst"/>, when set, holds the calls of the same turn that need no
/// decision: run and add them first. Then store the conversation and pass the decisions to <see cref="ToolLoop.Next"/>
/// (or <see cref="ToolRunner.ResumeAsync"/>).
/// </summary>
/// <param name="Pending">The calls waiting, in the model's order.</param>
/// <param name="RunFirst">The calls of the turn that may run meanwhile, or null.</param>
public sealed record AwaitApprovalStep(IReadOnlyList<PendingApproval> Pending, RunToolsStep? RunFirst) : ToolLoopStep;

/// <summary>The run is over.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Text">The model's last text, when it answered.</param>
/// <param name="StopToolResult">For <see cref="ToolRunStopReason.StopTool"/>: the result that stopped the run.</param>
public sealed record DoneStep(ToolRunStopReason Reason, string? Text, ToolResult? StopToolResult) : ToolLoopStep;
