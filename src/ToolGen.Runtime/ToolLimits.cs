using System;

namespace ToolGen;

/// <summary>
/// Bounds on the arguments a model may send to a tool. A call that exceeds one is not run: it gets an
/// <see cref="ToolResultKind.InvalidArguments"/> result saying which limit and by how much, so a confused or
/// prompt-injected model cannot make a tool (or the parser) hold arbitrary amounts of memory. The defaults suit
/// ordinary tools; raise them for tools that take documents.
/// </summary>
public sealed record ToolLimits
{
    /// <summary>The defaults: 1 MiB of arguments, nesting depth 64, strings of 256 Ki characters, arrays of 10,000 items.</summary>
    public static ToolLimits Default { get; } = new();

    private readonly int _maxArgumentBytes = 1024 * 1024;
    private readonly int _maxDepth = ToolGen.Serialization.ToolArgumentReader.MaxDepth;
    private readonly int _maxStringLength = 256 * 1024;
    private readonly int _maxArrayLength = 10_000;

    /// <summary>The largest arguments object, in UTF-8 bytes. Default 1 MiB (1,048,576).</summary>
    public int MaxArgumentBytes { get => _maxArgumentBytes; init => _maxArgumentBytes = Positive(value, nameof(MaxArgumentBytes)); }

    /// <summary>
    /// The deepest nesting of objects and arrays, the arguments object itself counting as 1. Default and maximum 64
    /// (the parser's own bound).
    /// </summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value is >= 1 and <= ToolGen.Serialization.ToolArgumentReader.MaxDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"MaxDepth must be from 1 to {ToolGen.Serialization.ToolArgumentReader.MaxDepth}.");
    }

    /// <summary>The longest string value or property name, in UTF-16 characters. Default 262,144.</summary>
    public int MaxStringLength { get => _maxStringLength; init => _maxStringLength = Positive(value, nameof(MaxStringLength)); }

    /// <summary>The most items in one array. Default 10,000.</summary>
    public int MaxArrayLength { get => _maxArrayLength; init => _maxArrayLength = Positive(value, nameof(MaxArrayLength)); }

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
}
