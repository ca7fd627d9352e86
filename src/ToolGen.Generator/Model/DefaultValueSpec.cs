namespace ToolGen.Generator.Model;

/// <summary>What kind of value a <see cref="DefaultValueSpec"/> holds.</summary>
internal enum DefaultValueKind
{
    /// <summary>A value type's zero value (<c>default</c>): <c>= default</c> on a struct, or an optional parameter without an explicit value.</summary>
    Zero,
    /// <summary><c>null</c>, for a type that can hold it (a nullable value or reference type).</summary>
    Null,
    /// <summary>Nothing yet: a non-nullable reference type that starts empty (<c>default!</c>), e.g. a null default in code without nullable annotations.</summary>
    Empty,
    Boolean,
    /// <summary>Any integer type; <see cref="DefaultValueSpec.Text"/> is the invariant number.</summary>
    Integer,
    /// <summary>A <c>float</c>: the round-trip invariant number, or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    Single,
    /// <summary>A <c>double</c>: the round-trip invariant number, or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    Double,
    Decimal,
    String,
    Char,
    /// <summary>An enum value: <see cref="DefaultValueSpec.Text"/> is the underlying number, <see cref="DefaultValueSpec.EnumMember"/> its member if one has that value.</summary>
    Enum,
}

/// <summary>
/// A parameter's default value as data (the emitter renders it as C#: <c>10</c>, <c>"metric"</c>,
/// <c>TemperatureUnit.Celsius</c>). Immutable and structurally equatable, like every spec.
/// </summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Text">The value as invariant text: a number, <c>true</c>/<c>false</c>, the string or the character itself; empty for the other kinds.</param>
/// <param name="EnumType">For <see cref="DefaultValueKind.Enum"/>: the fully qualified enum type.</param>
/// <param name="EnumMember">For <see cref="DefaultValueKind.Enum"/>: the name of the first member with this value, or null (a combination of flags, an undeclared value).</param>
internal sealed record DefaultValueSpec(DefaultValueKind Kind, string Text = "", string? EnumType = null, string? EnumMember = null)
{
    public static readonly DefaultValueSpec Zero = new(DefaultValueKind.Zero);
    public static readonly DefaultValueSpec Null = new(DefaultValueKind.Null);
    public static readonly DefaultValueSpec Empty = new(DefaultValueKind.Empty);
}
