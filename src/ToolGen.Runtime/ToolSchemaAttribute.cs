using System;

namespace ToolGen;

/// <summary>
/// Generates a JSON Schema and a reflection-free reader for a <c>partial</c> class, record or struct, so that
/// <see cref="Running.ToolRunner.ExtractAsync{T}(string, System.Threading.CancellationToken)"/> can ask a model for one
/// (structured extraction). The type implements <see cref="IToolSchema{TSelf}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ToolSchemaAttribute : Attribute
{
    /// <summary>The name of the extraction tool the model calls; defaults to the type name in snake_case.</summary>
    public string? Name { get; set; }

    /// <summary>What to extract; defaults to the type's <c>&lt;summary&gt;</c> or <c>[Description]</c>.</summary>
    public string? Description { get; set; }
}
