using System;
using System.Collections.Generic;

namespace ToolGen;

/// <summary>
/// Per-call information given to a tool. A tool method receives it by declaring a <see cref="ToolContext"/> parameter,
/// which is bound by the runtime and never shown to the model.
/// </summary>
public sealed class ToolContext
{
    private Dictionary<string, object?>? _items;

    /// <summary>The provider's id of this tool call, when there is one.</summary>
    public string? CallId { get; init; }

    /// <summary>Services available to the tool.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>
    /// When <see langword="true"/>, the message of a <see cref="ToolResultKind.Failed"/> result includes the exception type and
    /// message. Off by default: exception details can leak internals to the model (and, through it, to users).
    /// </summary>
    public bool IncludeExceptionDetails { get; init; }

    /// <summary>Bounds on the arguments of this call; <see cref="ToolLimits.Default"/> when null.</summary>
    public ToolLimits? Limits { get; init; }

    /// <summary>
    /// Where the tool reports progress, or <see langword="null"/> when nobody listens (the caller asked for no progress).
    /// An MCP server forwards each report to the client as <c>notifications/progress</c> when the client asked for them.
    /// Reports are best effort: they never fail the call, and those made after the call has returned are dropped.
    /// </summary>
    public IProgress<ToolProgress>? Progress { get; init; }

    /// <summary>
    /// Reports progress through <see cref="Progress"/>; does nothing when it is <see langword="null"/>.
    /// </summary>
    /// <param name="progress">The work done so far; it should grow with each report.</param>
    /// <param name="total">The total amount of work, when known.</param>
    /// <param name="message">A short description of the current step, for people.</param>
    public void ReportProgress(double progress, double? total = null, string? message = null) =>
        Progress?.Report(new ToolProgress(progress, total, message));

    /// <summary>Free-form state shared by the code that calls tools and the tools themselves.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
}
