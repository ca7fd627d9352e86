using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>
/// A partial type declaring <c>[Tool]</c> methods: the root of the generator's model, one generated file each.
/// </summary>
/// <remarks>
/// Every spec must be immutable and structurally equatable, and must hold no Roslyn symbol, syntax node, location or
/// compilation: the incremental pipeline compares specs to decide what to regenerate.
/// </remarks>
internal sealed record ToolContainerSpec
{
    /// <summary>The namespace, or empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The types to declare partial, outermost first, ending with the type itself.</summary>
    public required EquatableArray<TypeDeclarationSpec> Declarations { get; init; }

    /// <summary>The fully qualified type name with <c>global::</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>The type name for messages, without <c>global::</c> (e.g. <c>MyApp.WeatherTools</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The generated file's hint name.</summary>
    public required string HintName { get; init; }

    /// <summary>The type is a <c>static</c> class (it cannot implement interfaces).</summary>
    public required bool IsStaticClass { get; init; }

    /// <summary>A base type already has a member named Tools: the generated one is declared <c>new</c>.</summary>
    public bool HidesInheritedTools { get; init; }

    /// <summary>A base type already has a member named ToolsFromServices: the generated one is declared <c>new</c>.</summary>
    public bool HidesInheritedToolsFromServices { get; init; }

    /// <summary>
    /// How a call on an instance tool creates the type from the call's services (<c>ToolsFromServices</c>); null when it
    /// has no instance tools or no constructor the generated code can choose.
    /// </summary>
    public FactorySpec? Factory { get; init; }

    /// <summary>The tools, in declaration order.</summary>
    public EquatableArray<ToolSpec> Tools { get; init; } = EquatableArray<ToolSpec>.Empty;

    /// <summary>Every class, record and struct the tools read or write, in discovery order.</summary>
    public EquatableArray<ObjectSpec> Objects { get; init; } = EquatableArray<ObjectSpec>.Empty;
}
