using System;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>The JSON shape of a C# type the generator can read and write.</summary>
internal enum TypeShape
{
    String,
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
    Enum,
    /// <summary>A T[] (read into a list, then copied).</summary>
    Array,
    /// <summary>A List&lt;T&gt; or an interface List&lt;T&gt; implements (IReadOnlyList, IList, ICollection, IEnumerable…).</summary>
    List,
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

    /// <summary>For arrays and lists: the item type.</summary>
    public TypeSpec? Element { get; init; }

    /// <summary>For enums: the members in declaration order.</summary>
    public EquatableArray<EnumMemberSpec> EnumMembers { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

    /// <summary>The same type, not nullable.</summary>
    public TypeSpec WithoutNullability() => IsNullable
        ? this with { IsNullable = false, IsNullableValueType = false, TypeName = NonNullableTypeName }
        : this;
}

/// <summary>An enum member: its C# name, its JSON name and its value (as the invariant text of the underlying number).</summary>
internal sealed record EnumMemberSpec(string Name, string JsonName, string Value);
