using System;
using System.ComponentModel;
using System.Text;

namespace ToolGen.Serialization;

/// <summary>
/// The JSON names a generated reader accepts at one place: the properties of a tool's arguments or of an object, or
/// the values of an enum. <see cref="ToolArguments.MatchProperty"/> and <see cref="ToolArguments.MatchValue"/> look the
/// current name up, exactly (UTF-8, no allocation) and then ignoring case, as System.Text.Json's web defaults do.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolJsonNames
{
    private readonly byte[][] _utf8;
    private string? _list;

    /// <summary>No names: an arguments object or object type without properties.</summary>
    public static readonly ToolJsonNames None = new();

    /// <summary>The names, in the order their indexes refer to.</summary>
    public ToolJsonNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
        _utf8 = new byte[names.Length][];
        for (int i = 0; i < names.Length; i++) _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
    }

    /// <summary>The names.</summary>
    public string[] Names { get; }

    /// <summary>The names for a message: <c>city, unit</c>.</summary>
    public string List => _list ??= string.Join(", ", Names);

    /// <summary>The names quoted for a message: <c>"Celsius", "Fahrenheit"</c>.</summary>
    public string QuotedList => Names.Length == 0 ? "" : "\"" + string.Join("\", \"", Names) + "\"";

    internal int Count => _utf8.Length;

    internal byte[] Utf8(int index) => _utf8[index];
}
