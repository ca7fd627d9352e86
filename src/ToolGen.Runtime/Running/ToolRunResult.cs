using System;
using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>Why a run ended.</summary>
public enum ToolRunStopReason
{
    /// <summary>The model answered.</summary>
    Answered,
    /// <summary>A tool listed in <see cref="ToolRunnerOptions.StopAfterTools"/> ran; its result is <see cref="ToolRunResult.StopToolResult"/>.</summary>
    StopTool,
    /// <summary><see cref="ToolRunnerOptions.MaxRounds"/> was reached; the model was then asked to answer without tools.</summary>
    MaxRounds,
    /// <summary><see cref="ToolRunnerOptions.MaxConsecutiveErrors"/> rounds in a row failed.</summary>
    MaxConsecutiveErrors,
    /// <summary>The model or a hook failed; only in <see cref="ToolRunException.PartialResult"/>.</summary>
    Failed,
    /// <summary>The run was canceled; only in <see cref="ToolRunCanceledException.PartialResult"/>.</summary>
    Canceled,
    /// <summary>
    /// Calls wait for a person's decision (<see cref="ToolRunResult.PendingApprovals"/>); every other call of the turn ran.
    /// Store the result, ask, and continue with <see cref="ToolRunner.ResumeAsync"/>.
    /// </summary>
    ApprovalRequired,
}

/// <summary>One tool call of a run and what it returned.</summary>
/// <param name="Call">What the model asked for.</param>
/// <param name="Result">What the model got back.</param>
/// <param name="Round">The round, from 1.</param>
/// <param name="Duration">How long the call took.</param>
public sealed record ToolCallRecord(ToolCall Call, ToolResult Result, int Round, TimeSpan Duration);

/// <summary>
/// The outcome of a run: the final answer, the whole transcript (the input conversation followed by every message of the
/// run, ready to persist and resume), the tool calls, the token usage and why it stopped.
/// </summary>
public sealed record ToolRunResult
{
    /// <summary>The model's final text, or null when the run stopped without one.</summary>
    public string? Text { get; init; }

    /// <summary>The input conversation followed by every message of the run.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Every tool call, in the order the results were added to the conversation.</summary>
    public required IReadOnlyList<ToolCallRecord> ToolCalls { get; init; }

    /// <summary>Tokens used over all model calls (zero where the provider does not report them).</summary>
    public required ChatUsage Usage { get; init; }

    /// <summary>How many times the model was called.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Why the run ended.</summary>
    public ToolRunStopReason StopReason { get; init; }

    /// <summary>For <see cref="ToolRunStopReason.StopTool"/>: the result of the tool that stopped the run.</summary>
    public ToolResult? StopToolResult { get; init; }

    /// <summary>For <see cref="ToolRunStopReason.ApprovalRequired"/>: the calls waiting for a decision, in the model's order.</summary>
    public IReadOnlyList<PendingApproval> PendingApprovals { get; init; } = [];
}

/// <summary>What kind of progress a <see cref="ToolRunUpdate"/> reports.</summary>
public enum ToolRunUpdateKind
{
    /// <summary>More of the model's text.</summary>
    TextDelta,
    /// <summary>A tool call starts.</summary>
    ToolCallStarted,
    /// <summary>A tool call finished (reported in the model's order).</summary>
    ToolCallCompleted,
    /// <summary>The run ended; <see cref="ToolRunUpdate.Result"/> holds the outcome.</summary>
    Completed,
}

/// <summary>Progress of a streaming run.</summary>
public sealed record ToolRunUpdate
{
    /// <summary>What happened.</summary>
    public required ToolRunUpdateKind Kind { get; init; }

    /// <summary>For <see cref="ToolRunUpdateKind.TextDelta"/>: the text.</summary>
    public string? TextDelta { get; init; }

    /// <summary>For tool-call updates: the call.</summary>
    public ToolCall? Call { get; init; }

    /// <summary>For <see cref="ToolRunUpdateKind.ToolCallCompleted"/>: what the call returned.</summary>
    public ToolResult? ToolResult { get; init; }

    /// <summary>The round, from 1 (0 for the first model turn's text).</summary>
    public int Round { get; init; }

    /// <summary>For <see cref="ToolRunUpdateKind.Completed"/>: the outcome.</summary>
    public ToolRunResult? Result { get; init; }
}
