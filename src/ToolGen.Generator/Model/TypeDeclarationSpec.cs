namespace ToolGen.Generator.Model;

/// <summary>What kind of type a declaration is.</summary>
internal enum TypeDeclarationKind
{
    Class,
    Struct,
    Record,
    RecordStruct,
}

/// <summary>One type in the chain from the namespace to the type that gets generated code: what a partial declaration of it needs.</summary>
internal sealed record TypeDeclarationSpec(string Name, TypeDeclarationKind Kind, bool IsStatic, bool IsReadOnly);
