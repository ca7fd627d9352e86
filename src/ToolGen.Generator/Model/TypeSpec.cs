using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>The JSON shape of a C# type the generator can read and write.</summary>
internal enum TypeShape
{
    String,
    Char,
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Guid,
    Uri,
    Enum,
    /// <summary>A T[] (read into a list, then copied).</summary>
    Array,
    /// <summary>A List&lt;T&gt; or an interface List&lt;T&gt; implements (IReadOnlyList, IList, ICollection, IEnumerable…).</summary>
    List,
    /// <summary>A HashSet&lt;T&gt;, ISet&lt;T&gt; or IReadOnlySet&lt;T&gt;.</summary>
    Set,
    /// <summary>A Dictionary&lt;string, T&gt;, IDictionary&lt;string, T&gt; or IReadOnlyDictionary&lt;string, T&gt;.</summary>
    Dictionary,
    /// <summary>A class, record or struct, described by an <see cref="ObjectSpec"/> of the same type name.</summary>
    Object,
    /// <summary>Any JSON value (<c>JsonElement</c>).</summary>
    JsonElement,
    /// <summary>Any JSON value but null (<c>JsonNode</c>).</summary>
    JsonNode,
    /// <summary>A JSON object (<c>JsonObject</c>).</summary>
    JsonObject,
    /// <summary>A JSON array (<c>JsonArray</c>).</summary>
    JsonArray,
}

/// <summary>
/// One C# type as the schema, reader and writer see it. Immutable and structurally equatable, like every spec:
/// adding a member that is not breaks the generator's caching.
/// </summary>
internal sealed record TypeSpec
{
    /// <summary>The JSON shape.</summary>
    public required TypeShape Shape { get; init; }

    /// <summary>The fully qualified C# type, including <c>?</c> when nullable (e.g. <c>global::System.Collections.Generic.List&lt;int&gt;?</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>The type without its nullable annotation (for <c>int?</c>: <c>int</c>).</summary>
    public required string NonNullableTypeName { get; init; }

    /// <summary>Whether null is a valid value (<c>Nullable&lt;T&gt;</c> or an annotated reference type).</summary>
    public bool IsNullable { get; init; }

    /// <summary>Whether the type is <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsNullableValueType { get; init; }

    /// <summary>Whether the non-nullable type is a reference type (so a null can still arrive at run time).</summary>
    public bool IsReferenceType { get; init; }

    /// <summary>For arrays, lists and sets: the item type; for dictionaries: the value type.</summary>
    public TypeSpec? Element { get; init; }

    /// <summary>For enums: the members in declaration order.</summary>
    public EquatableArray<EnumMemberSpec> EnumMembers { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

    /// <summary>The same type, not nullable.</summary>
    public TypeSpec WithoutNullability() => IsNullable
        ? this with { IsNullable = false, IsNullableValueType = false, TypeName = NonNullableTypeName }
        : this;
}

/// <summary>An enum member: its C# name, its JSON name and its value (as the invariant text of the underlying number).</summary>
internal sealed record EnumMemberSpec(string Name, string JsonName, string Value)
{
    /// <summary>The member's <c>&lt;summary&gt;</c> or <c>[Description]</c>; empty when it has none.</summary>
    public string Description { get; init; } = "";
}

/// <summary>
/// DataAnnotations constraints on a parameter or member, applied to its value (or, for collections, the item count).
/// Numbers are kept as invariant text; absent bounds are null or -1.
/// </summary>
internal sealed record ConstraintSpec
{
    public static readonly ConstraintSpec None = new();

    /// <summary><c>[Range]</c> bounds, as invariant numbers.</summary>
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }

    /// <summary>Length bounds: characters for strings, items for collections.</summary>
    public int MinLength { get; init; } = -1;
    public int MaxLength { get; init; } = -1;

    /// <summary>The schema's <c>pattern</c> (ECMA-262) from <c>[RegularExpression]</c>, anchored at both ends.</summary>
    public string? Pattern { get; init; }

    /// <summary>The .NET pattern the reader matches the whole value with (see <c>PatternText</c>); set with <see cref="Pattern"/>.</summary>
    public string? ReaderPattern { get; init; }

    /// <summary>Whether <see cref="ReaderPattern"/> is compiled with <c>RegexOptions.ECMAScript</c>.</summary>
    public bool ReaderPatternIsEcma { get; init; }

    /// <summary><c>email</c> for <c>[EmailAddress]</c>, <c>uri</c> for <c>[Url]</c>.</summary>
    public string? Format { get; init; }

    /// <summary><c>[Required]</c> was present.</summary>
    public bool Required { get; init; }

    public bool IsEmpty => this == None;
}
