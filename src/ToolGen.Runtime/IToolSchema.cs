using System;

namespace ToolGen;

/// <summary>A type with a generated JSON Schema and reader (see <see cref="ToolSchemaAttribute"/>).</summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
public interface IToolSchema<TSelf> where TSelf : IToolSchema<TSelf>
{
    /// <summary>The extraction tool's name.</summary>
    static abstract string SchemaName { get; }

    /// <summary>What the type describes.</summary>
    static abstract string SchemaDescription { get; }

    /// <summary>The type's JSON Schema (an object), as UTF-8 JSON.</summary>
    static abstract ReadOnlyMemory<byte> JsonSchema { get; }

    /// <summary>The OpenAI strict-mode variant, or empty when strict mode cannot express the type.</summary>
    static abstract ReadOnlyMemory<byte> StrictJsonSchema { get; }

    /// <summary>
    /// Reads a value from UTF-8 JSON. On failure returns false and an <see cref="ToolResultKind.InvalidArguments"/> result
    /// naming every problem by JSON path.
    /// </summary>
    static abstract bool TryRead(ReadOnlyMemory<byte> json, out TSelf value, out ToolResult? error);
}
