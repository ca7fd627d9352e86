using System;
using System.Collections.Generic;
using System.Linq;

namespace ToolGen.Chat;

/// <summary>How the model may use tools in a request.</summary>
public enum ToolChoiceMode
{
    /// <summary>The model decides whether to call tools.</summary>
    Auto,
    /// <summary>The model must call at least one tool.</summary>
    Required,
    /// <summary>The model must not call tools.</summary>
    None,
    /// <summary>The model must call the tool named <see cref="ToolChoice.ToolName"/>.</summary>
    Specific,
}

/// <summary>Whether and which tools the model may or must call; optionally limited to a subset of the tools offered.</summary>
public sealed record ToolChoice
{
    private ToolChoice(ToolChoiceMode mode) => Mode = mode;

    /// <summary>The mode.</summary>
    public ToolChoiceMode Mode { get; private init; }

    /// <summary>For <see cref="ToolChoiceMode.Specific"/>: the tool to call.</summary>
    public string? ToolName { get; private init; }

    /// <summary>When set, the only tools the model may call (the others stay visible for prompt caching).</summary>
    public IReadOnlyList<string>? AllowedTools { get; private init; }

    /// <summary>The model decides.</summary>
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);

    /// <summary>The model must call a tool.</summary>
    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required);

    /// <summary>The model must answer without tools.</summary>
    public static ToolChoice None { get; } = new(ToolChoiceMode.None);

    /// <summary>The model must call <paramref name="name"/>.</summary>
    public static ToolChoice Tool(string name) =>
        new(ToolChoiceMode.Specific) { ToolName = string.IsNullOrEmpty(name) ? throw new ArgumentException("A tool name is required.", nameof(name)) : name };

    /// <summary>The model may (or, with <paramref name="required"/>, must) call only the tools named.</summary>
    public static ToolChoice Allowed(IReadOnlyList<string> names, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) throw new ArgumentException("Name at least one tool.", nameof(names));
        return new(required ? ToolChoiceMode.Required : ToolChoiceMode.Auto) { AllowedTools = [.. names] };
    }

    /// <summary>Whether the model may call <paramref name="name"/> under this choice.</summary>
    public bool Permits(string name) => Mode switch
    {
        ToolChoiceMode.None => false,
        ToolChoiceMode.Specific => string.Equals(ToolName, name, StringComparison.Ordinal),
        _ => AllowedTools is null || AllowedTools.Contains(name, StringComparer.Ordinal),
    };

    /// <summary>The same restriction to a subset, but no longer forcing a call: what the runner uses after the first tool round.</summary>
    public ToolChoice Relaxed() => Mode switch
    {
        ToolChoiceMode.Required or ToolChoiceMode.Specific => AllowedTools is null ? Auto : this with { Mode = ToolChoiceMode.Auto, ToolName = null },
        _ => this,
    };
}
