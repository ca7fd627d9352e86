using System;
using System.ComponentModel;

namespace ToolGen.Serialization;

/// <summary>
/// The JSON names a generated reader accepts at one place: the properties of a tool's arguments or of an object, or
/// the values of an enum. Generated code tests the exact names inline (<see cref="ToolArguments.NameIs"/>); this table
/// serves the case-insensitive fallback (<see cref="ToolArguments.MatchIgnoringCase"/>), as System.Text.Json's web
/// defaults do, and the names listed in messages.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolJsonNames
{
    private string? _list;

    /// <summary>No names: an arguments object or object type without properties.</summary>
    public static readonly ToolJsonNames None = new();

    /// <summary>The names, in the order their indexes refer to.</summary>
    public ToolJsonNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
    }

    /// <summary>The names.</summary>
    public string[] Names { get; }

    /// <summary>The names for a message: <c>city, unit</c>.</summary>
    public string List => _list ??= string.Join(", ", Names);

    /// <summary>The names quoted for a message: <c>"Celsius", "Fahrenheit"</c>.</summary>
    public string QuotedList => Names.Length == 0 ? "" : "\"" + string.Join("\", \"", Names) + "\"";
}
