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

    /// <summary>Free-form state shared by the code that calls tools and the tools themselves.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
}
