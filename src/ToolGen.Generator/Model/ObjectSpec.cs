using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>How an object member gets its value when the object is read.</summary>
internal enum MemberBinding
{
    /// <summary>Through the constructor parameter <see cref="MemberSpec.ConstructorIndex"/>.</summary>
    Constructor,
    /// <summary>Through a public setter.</summary>
    Setter,
    /// <summary>Through a public <c>init</c> accessor.</summary>
    Init,
    /// <summary>Never read (get-only): written in results only.</summary>
    ReadOnly,
}

/// <summary>When a member is left out of written JSON (<c>[JsonIgnore(Condition = …)]</c>).</summary>
internal enum WriteCondition
{
    Always,
    WhenNotNull,
    WhenNotDefault,
}

/// <summary>A class, record or struct the generator reads and writes, property by property, as System.Text.Json would.</summary>
internal sealed record ObjectSpec
{
    /// <summary>The fully qualified, non-nullable type name; <see cref="TypeSpec.TypeName"/> of object types refers to it.</summary>
    public required string TypeName { get; init; }

    /// <summary>The simple type name, for <c>$defs</c> and messages.</summary>
    public required string Name { get; init; }

    public required bool IsValueType { get; init; }

    /// <summary>The type's own description (<c>&lt;summary&gt;</c> or <c>[Description]</c>); empty when none.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// One entry per parameter of the constructor used to create it: null for a parameter bound to a member, else the
    /// value passed for it (the default of a parameter whose property is <c>[JsonIgnore]</c>d).
    /// </summary>
    public EquatableArray<ConstructorArgumentSpec> ConstructorArguments { get; init; } = EquatableArray<ConstructorArgumentSpec>.Empty;

    /// <summary>The members, base-type members first, in declaration order.</summary>
    public required EquatableArray<MemberSpec> Members { get; init; }
}

/// <summary>One property of an object type (or a constructor parameter bound to one).</summary>
internal sealed record MemberSpec
{
    /// <summary>The C# property name.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON property name: <c>[JsonPropertyName]</c>, else camelCase.</summary>
    public required string JsonName { get; init; }

    public required TypeSpec Type { get; init; }

    public string Description { get; init; } = "";

    public required MemberBinding Binding { get; init; }

    /// <summary>For <see cref="MemberBinding.Constructor"/>: the parameter's position.</summary>
    public int ConstructorIndex { get; init; } = -1;

    /// <summary>The model must send it: a constructor parameter without default, <c>required</c>, <c>[JsonRequired]</c> or <c>[Required]</c>.</summary>
    public bool IsRequired { get; init; }

    /// <summary>C# <c>required</c>: it must appear in the object initializer.</summary>
    public bool IsCSharpRequired { get; init; }

    /// <summary>The constructor parameter's default value / as JSON (null when JSON cannot express it).</summary>
    public DefaultValueSpec? Default { get; init; }
    public string? DefaultJson { get; init; }

    /// <summary>Whether the member has a public getter (and so appears in written JSON).</summary>
    public bool CanWrite { get; init; } = true;

    public WriteCondition WriteCondition { get; init; }

    public ConstraintSpec Constraints { get; init; } = ConstraintSpec.None;

    public bool IsReadable => Binding != MemberBinding.ReadOnly;

    /// <summary>
    /// When the written JSON leaves the member out: never, when it is null (only a type that can hold null), or when it
    /// has its default. The writer and the result schema both read this, so they cannot disagree about what is required.
    /// </summary>
    public WriteCondition EffectiveWriteCondition =>
        WriteCondition == WriteCondition.WhenNotNull && !(Type.IsNullable || Type.IsReferenceType) ? WriteCondition.Always : WriteCondition;
}

/// <summary>A constructor parameter of an object type: bound to a member (<see cref="Value"/> null), or given a fixed value.</summary>
internal sealed record ConstructorArgumentSpec(DefaultValueSpec? Value);
