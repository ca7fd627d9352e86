using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>How a tool method returns.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One <c>[Tool]</c> method, with everything the emitters need and nothing from Roslyn.</summary>
internal sealed record ToolSpec
{
    /// <summary>The C# method name.</summary>
    public required string MethodName { get; init; }

    /// <summary>The tool name shown to the model.</summary>
    public required string ToolName { get; init; }

    /// <summary>The tool description shown to the model; empty when the method has none.</summary>
    public required string Description { get; init; }

    /// <summary>The <c>&lt;returns&gt;</c> text, if any.</summary>
    public string? ReturnsDescription { get; init; }

    public required bool IsStatic { get; init; }

    /// <summary>The <c>ToolHints</c> flags, as their numeric value.</summary>
    public required int Hints { get; init; }

    /// <summary><c>[Tool(Title)]</c>: a short name for people; null when not set.</summary>
    public string? Title { get; init; }

    /// <summary>The tool asked for OpenAI strict mode.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// <c>[Tool(TimeoutSeconds)]</c>: how long one call may take, in seconds, greater than 0 and at most 24 hours; null
    /// when not set (0), which uses the run's timeout.
    /// </summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary><c>[Tool(MaxRetries)]</c>: 0 to 100; null when not set (-1), which uses the run's retry budget.</summary>
    public int? MaxRetries { get; init; }

    public required EquatableArray<ToolParameterSpec> Parameters { get; init; }

    public required ReturnKind ReturnKind { get; init; }

    /// <summary>The returned value's type for <see cref="ReturnKind.Value"/>, <see cref="ReturnKind.TaskOfT"/> and <see cref="ReturnKind.ValueTaskOfT"/>.</summary>
    public TypeSpec? ReturnType { get; init; }

    /// <summary>The schemas and fingerprint, set by the schema stage (<c>SchemaStage</c>); every tool that reaches an emitter has them.</summary>
    public ToolSchemasSpec? Schemas { get; init; }

    /// <summary>The tool can be generated: it did not ask for strict mode, or strict mode can express it (else TG0014).</summary>
    public bool CanGenerate => !Strict || Schemas?.OpenAIStrict is not null;
}
