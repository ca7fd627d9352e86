using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>How a <see cref="ToolRunner"/> drives the conversation and runs tools. Every limit has a safe default.</summary>
public sealed record ToolRunnerOptions
{
    /// <summary>
    /// Whether and which tools the model may or must call. A forcing choice applies to the first round only. Default
    /// <see langword="null"/>: nothing is sent and the provider's default applies (the model decides).
    /// </summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>
    /// Whether the model may ask for several calls in one turn (and read-only ones run concurrently). Default
    /// <see langword="null"/>: nothing is sent (providers allow it) and read-only calls run concurrently.
    /// </summary>
    public bool? AllowParallelToolCalls { get; init; }

    /// <summary>Settings sent with every model request of the run (max output tokens, temperature, reasoning effort…), or <see langword="null"/>.</summary>
    public ChatRequestOptions? RequestOptions { get; init; }

    /// <summary>The most read-only tool calls run at the same time. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>The most rounds of tool calls; then the model is asked to answer without tools. Default 10.</summary>
    public int MaxRounds { get; init; } = 10;

    /// <summary>
    /// The most tool calls run from one model turn. Calls beyond it are not run: each gets a
    /// <see cref="ToolResultKind.Denied"/> result asking the model to make it again later. Default 32.
    /// </summary>
    public int MaxToolCallsPerTurn { get; init; } = 32;

    /// <summary>Bounds on each call's arguments (size, depth, string and array lengths). Default <see cref="ToolLimits.Default"/>.</summary>
    public ToolLimits Limits { get; init; } = ToolLimits.Default;

    /// <summary>The run stops after this many rounds in a row in which every call failed. Default 3.</summary>
    public int MaxConsecutiveErrors { get; init; } = 3;

    /// <summary>
    /// How many times in one run each tool may ask the model to correct a call (<see cref="ToolResultKind.Retry"/>); a
    /// request past it becomes a <see cref="ToolResultKind.Failed"/> result. A tool's <see cref="ToolDescriptor.MaxRetries"/>
    /// overrides it. Default 2.
    /// </summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>
    /// How long one tool call may take before it is canceled with a <see cref="ToolResultKind.TimedOut"/> result; a tool's
    /// <see cref="ToolDescriptor.Timeout"/> overrides it. Default none.
    /// </summary>
    public TimeSpan? ToolTimeout { get; init; }

    /// <summary>Whether a failed tool's exception type and message reach the model. Default false.</summary>
    public bool IncludeExceptionDetails { get; init; }

    /// <summary>Services given to tools through <see cref="ToolContext.Services"/>.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>
    /// Decides in-process whether a <see cref="ToolAttribute.RequiresApproval"/> call may run; a denied call (or a callback
    /// that throws) gives the model a <see cref="ToolResultKind.Denied"/> result. Without it, the run stops with
    /// <see cref="ToolRunStopReason.ApprovalRequired"/> and the calls in <see cref="ToolRunResult.PendingApprovals"/>, to
    /// be decided later (for example in another request) and resumed with <see cref="ToolRunner.ResumeAsync(ToolRunResult, IEnumerable{ToolApprovalDecision}, CancellationToken)"/>.
    /// </summary>
    public Func<ToolApprovalRequest, CancellationToken, ValueTask<bool>>? ApproveAsync { get; init; }

    /// <summary>Tools after whose successful call the run stops and returns that call's result instead of asking the model again.</summary>
    public IReadOnlyCollection<string>? StopAfterTools { get; init; }

    /// <summary>
    /// Called before each tool call runs. Hooks run concurrently for the read-only calls of one turn, so they must be
    /// thread-safe; an exception from a hook ends the run with a <see cref="ToolRunException"/>.
    /// </summary>
    public Func<ToolCallEvent, CancellationToken, ValueTask>? OnToolCalling { get; init; }

    /// <summary>Called after each tool call, with its result.</summary>
    public Func<ToolCallEvent, ToolResult, CancellationToken, ValueTask>? OnToolCalled { get; init; }

    /// <summary>Structured extraction forces its tool in every round, not just the first.</summary>
    internal bool KeepToolChoice { get; init; }
}

/// <summary>A call of a tool that needs approval.</summary>
/// <param name="Call">What the model asked for.</param>
/// <param name="Tool">The tool.</param>
public sealed record ToolApprovalRequest(ToolCall Call, ToolDescriptor Tool);

/// <summary>A tool call about to run or just run.</summary>
/// <param name="Call">What the model asked for.</param>
/// <param name="Tool">The tool, or null when the model named an unknown one.</param>
/// <param name="Round">The round, from 1.</param>
public sealed record ToolCallEvent(ToolCall Call, ToolDescriptor? Tool, int Round)
{
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>
    /// The time since the call began (the event is made when it does): in <see cref="ToolRunnerOptions.OnToolCalled"/>,
    /// how long the call took, <see cref="ToolRunnerOptions.OnToolCalling"/> included.
    /// </summary>
    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(_started);

    /// <summary>Whether <paramref name="other"/> is about the same call, tool and round (when it began does not count).</summary>
    public bool Equals(ToolCallEvent? other) =>
        ReferenceEquals(this, other) || other is not null && Call == other.Call && Tool == other.Tool && Round == other.Round;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Call, Tool, Round);
}
