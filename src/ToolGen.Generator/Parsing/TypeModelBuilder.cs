using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// Maps C# types to the generator's type model (<see cref="TypeSpec"/>, <see cref="ObjectSpec"/>), following
/// System.Text.Json's conventions, and says why a type cannot be mapped, naming the type and the JSON path to it.
/// One builder serves one tool method; it collects the object types the method reaches.
/// </summary>
internal sealed class TypeModelBuilder
{
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_messageFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // System.Text.Json's JsonIgnoreCondition values (the generator cannot reference System.Text.Json).
    private const int IgnoreAlways = 1;
    private const int IgnoreWhenWritingDefault = 2;
    private const int IgnoreWhenWritingNull = 3;

    private readonly Compilation _compilation;
    private readonly KnownSymbols _known;
    private readonly Dictionary<(string Type, string Member), Location> _memberLocations = new();
    private string? _failure;
    private readonly INamedTypeSymbol _accessFrom;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, ObjectSpec?> _objects = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public TypeModelBuilder(Compilation compilation, INamedTypeSymbol accessFrom, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _known = KnownSymbols.For(compilation);
        _accessFrom = accessFrom;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Where each object member reached so far is declared, by (type name, member name), for the analyzer's messages.</summary>
    public IReadOnlyDictionary<(string Type, string Member), Location> MemberLocations => _memberLocations;

    /// <summary>The object types reached so far, in discovery order.</summary>
    public EquatableArray<ObjectSpec> Objects => new(_order.Select(name => _objects[name]!).ToArray());

    /// <summary>
    /// The model of <paramref name="type"/>, found at <paramref name="path"/>; null when it is unsupported, with
    /// <paramref name="problem"/> naming the first type that is not and why.
    /// </summary>
    public TypeSpec? Map(ITypeSymbol type, string path, out string? problem)
    {
        _failure = null;
        TypeSpec? spec = Map(type, path);
        problem = spec is null ? _failure ?? $"{type.ToDisplayString(s_messageFormat)} at {path}: a type it cannot use" : null;
        _failure = null;
        return spec;
    }

    private TypeSpec? Map(ITypeSymbol type, string path)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            TypeSpec? inner = Map(nullable.TypeArguments[0], path);
            return inner is null ? null : inner with
            {
                IsNullable = true,
                IsNullableValueType = true,
                TypeName = inner.TypeName + "?",
                NonNullableTypeName = inner.TypeName,
            };
        }

        bool isNullable = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        string typeName = type.ToDisplayString(s_typeFormat);
        string nonNullableTypeName = isNullable ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_typeFormat) : typeName;
        TypeSpec Spec(TypeShape shape) => new()
        {
            Shape = shape,
            TypeName = typeName,
            NonNullableTypeName = nonNullableTypeName,
            IsNullable = isNullable,
            IsReferenceType = type.IsReferenceType,
        };

        TypeShape? special = type.SpecialType switch
        {
            SpecialType.System_String => TypeShape.String,
            SpecialType.System_Char => TypeShape.Char,
            SpecialType.System_Boolean => TypeShape.Boolean,
            SpecialType.System_SByte => TypeShape.SByte,
            SpecialType.System_Byte => TypeShape.Byte,
            SpecialType.System_Int16 => TypeShape.Int16,
            SpecialType.System_UInt16 => TypeShape.UInt16,
            SpecialType.System_Int32 => TypeShape.Int32,
            SpecialType.System_UInt32 => TypeShape.UInt32,
            SpecialType.System_Int64 => TypeShape.Int64,
            SpecialType.System_UInt64 => TypeShape.UInt64,
            SpecialType.System_Single => TypeShape.Single,
            SpecialType.System_Double => TypeShape.Double,
            SpecialType.System_Decimal => TypeShape.Decimal,
            SpecialType.System_DateTime => TypeShape.DateTime,
            _ => null,
        };
        if (special is { } shape) return Spec(shape);
        if (type is INamedTypeSymbol valueType && _known.ValueShapes.TryGetValue(valueType, out TypeShape known)) return Spec(known);

        switch (type)
        {
            case INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType:
                return Spec(TypeShape.Enum) with { EnumMembers = EnumMembers(enumType) };
            case IArrayTypeSymbol { Rank: 1 } array:
            {
                TypeSpec? element = Map(array.ElementType, path + "[]");
                return element is null ? null : Spec(TypeShape.Array) with { Element = element };
            }
            case IArrayTypeSymbol:
                return Fail(type, path, "multi-dimensional arrays have no JSON form; use a jagged array (T[][])");
            case INamedTypeSymbol { IsGenericType: true } generic
                when _known.CollectionShapes.TryGetValue(generic.OriginalDefinition, out TypeShape collection):
            {
                if (collection == TypeShape.Dictionary && generic.TypeArguments[0].SpecialType != SpecialType.System_String)
                    return Fail(type, path, "dictionary keys must be strings (JSON property names)");
                ITypeSymbol elementType = generic.TypeArguments[generic.TypeArguments.Length - 1];
                TypeSpec? element = Map(elementType, path + (collection == TypeShape.Dictionary ? ".*" : "[]"));
                return element is null ? null : Spec(collection) with { Element = element };
            }
        }

        string? reason = Unsupported(type);
        if (reason is not null) return Fail(type, path, reason);

        var named = (INamedTypeSymbol)type;
        string objectName = nonNullableTypeName;
        if (!_objects.ContainsKey(objectName) && !TryReuse(objectName))
        {
            bool outermost = _building == 0;
            _building++;
            _objects.Add(objectName, null);   // In progress: a recursive reference finds the key and stops here.
            ObjectSpec? spec = BuildObject(named, objectName, path);
            _building--;
            if (spec is null)
            {
                _objects.Remove(objectName);
                return null;
            }
            _objects[objectName] = spec;
            _order.Add(objectName);
            if (outermost) Remember(objectName);
        }
        return Spec(TypeShape.Object);
    }

    // An object type is usually reached from many tools of one type. Once built with nothing else in progress, its spec
    // and every object it reaches are kept for the compilation (per accessing type, which decides the constructors it
    // may call) and reused in the order a fresh build would discover them. Failures are not kept: their messages name
    // the path where each tool met the type.
    private sealed class ReusableObject
    {
        public ReusableObject(ObjectSpec[] reached, KeyValuePair<(string Type, string Member), Location>[] locations)
        {
            Reached = reached;
            Locations = locations;
        }

        public ObjectSpec[] Reached { get; }

        public KeyValuePair<(string Type, string Member), Location>[] Locations { get; }
    }

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<string, ReusableObject>>> s_built = new();

    private int _building;

    private ConcurrentDictionary<string, ReusableObject> Built =>
        s_built.GetValue(_compilation, static _ => new ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<string, ReusableObject>>(SymbolEqualityComparer.Default))
            .GetOrAdd(_accessFrom, static _ => new ConcurrentDictionary<string, ReusableObject>(StringComparer.Ordinal));

    private bool TryReuse(string objectName)
    {
        if (_building > 0 || !Built.TryGetValue(objectName, out ReusableObject? built)) return false;
        foreach (ObjectSpec spec in built.Reached)
        {
            if (_objects.ContainsKey(spec.TypeName)) continue;
            _objects.Add(spec.TypeName, spec);
            _order.Add(spec.TypeName);
        }
        foreach (KeyValuePair<(string Type, string Member), Location> location in built.Locations) _memberLocations[location.Key] = location.Value;
        return true;
    }

    private void Remember(string objectName)
    {
        var reached = new List<ObjectSpec>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name)
        {
            if (!visited.Add(name) || _objects[name] is not { } spec) return;
            foreach (MemberSpec member in spec.Members)
            {
                for (TypeSpec? current = member.Type; current is not null; current = current.Element)
                {
                    if (current.Shape == TypeShape.Object) Visit(current.NonNullableTypeName);
                }
            }
            reached.Add(spec);   // After what it reaches, as a fresh build adds it.
        }
        Visit(objectName);
        var names = new HashSet<string>(reached.Select(static o => o.TypeName), StringComparer.Ordinal);
        Built.TryAdd(objectName, new ReusableObject([.. reached], [.. _memberLocations.Where(l => names.Contains(l.Key.Type))]));
    }

    /// <summary>
    /// Reads DataAnnotations on a parameter or member; <c>[Required]</c> also makes a nullable reference type non-nullable
    /// (a <c>Nullable&lt;T&gt;</c> keeps accepting null: its C# type has to stay what it is).
    /// </summary>
    public (TypeSpec Type, ConstraintSpec Constraints) ApplyConstraints(TypeSpec type, System.Collections.Immutable.ImmutableArray<AttributeData> attributes)
    {
        ConstraintSpec constraints = ConstraintReader.Read(attributes, type, _known);
        return (constraints.Required && !type.IsNullableValueType ? type.WithoutNullability() : type, constraints);
    }

    private string? Unsupported(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Object) return "object has no schema; use a specific type, or JsonElement for free-form JSON";
        switch (type.TypeKind)
        {
            case TypeKind.Delegate: return "delegates cannot be sent as JSON";
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer: return "pointers cannot be sent as JSON";
            case TypeKind.TypeParameter: return "an open generic type has no schema; use a concrete type";
            case TypeKind.Dynamic: return "dynamic has no schema; use a specific type, or JsonElement for free-form JSON";
            case TypeKind.Interface: return "an interface has no concrete shape; use a class, record or struct";
            case TypeKind.Error: return "the type does not compile";
        }
        if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return "it is not a class, record or struct";
        if (named.IsRefLikeType) return "ref structs cannot be stored";
        if (named.IsAbstract) return "an abstract class cannot be created; use a concrete type";
        if (named.IsUnboundGenericType) return "an open generic type has no schema; use a concrete type";
        if (named.SpecialType != SpecialType.None || named.ContainingNamespace?.ToDisplayString() is "System" or "System.Threading" or "System.Threading.Tasks" or "System.IO")
            return "ToolGen has no JSON form for this framework type";
        if (InheritsFrom(named, _known.Delegate) || InheritsFrom(named, _known.Exception)) return "it is not a data type";
        return null;
    }

    private ObjectSpec? BuildObject(INamedTypeSymbol type, string typeName, string path)
    {
        IMethodSymbol? constructor = ChooseConstructor(type, out string? constructorProblem);
        if (constructor is null) return FailObject(type, path, constructorProblem!);

        DocComment typeDocs = ReadDocs(type);
        var members = new List<MemberSpec>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<IPropertySymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            var declared = new List<IPropertySymbol>();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                    && taken.Add(property.Name))
                {
                    declared.Add(property);
                }
            }
            properties.InsertRange(0, declared);   // Base-type members first, as System.Text.Json orders them.
        }

        var boundParameters = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        var ignoredNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IPropertySymbol property in properties)
        {
            AttributeData? ignore = KnownSymbols.Attribute(property, _known.JsonIgnoreAttribute);
            int ignoreCondition = ignore is null ? 0 : NamedInt(ignore, "Condition") ?? IgnoreAlways;
            if (ignoreCondition == IgnoreAlways)
            {
                ignoredNames.Add(property.Name);   // JsonIgnoreCondition.Always: a constructor parameter for it gets its default.
                continue;
            }

            string jsonName = KnownSymbols.Attribute(property, _known.JsonPropertyNameAttribute) is { ConstructorArguments: [{ Value: string explicitName }] }
                ? explicitName
                : JsonNaming.CamelCase(property.Name);
            string memberPath = path + ToolGen.Shared.ToolNameRules.PropertyPath("", jsonName);
            TypeSpec? mapped = Map(property.Type, memberPath);
            if (mapped is null) return null;
            (TypeSpec memberType, ConstraintSpec constraints) = ApplyConstraints(mapped, property.GetAttributes());

            IParameterSymbol? parameter = constructor.Parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            MemberBinding binding = parameter is not null ? MemberBinding.Constructor
                : property.SetMethod is { DeclaredAccessibility: Accessibility.Public } setter ? (setter.IsInitOnly ? MemberBinding.Init : MemberBinding.Setter)
                : MemberBinding.ReadOnly;
            DefaultValueSpec? defaultValue = null;
            string? defaultJson = null;
            if (parameter is not null)
            {
                boundParameters.Add(parameter);
                if (parameter.HasExplicitDefaultValue) DefaultValues.Describe(parameter.ExplicitDefaultValue, memberType, out defaultValue, out defaultJson);
                else if (parameter.IsOptional) defaultValue = DefaultValues.Unspecified(parameter.Type);
            }

            bool jsonRequired = KnownSymbols.Attribute(property, _known.JsonRequiredAttribute) is not null;
            string description = _known.Description(property) ?? ReadDocs(property).Summary;
            if (description.Length == 0 && parameter is not null) description = typeDocs.Parameter(parameter.Name);
            if (property.Locations.FirstOrDefault() is { IsInSource: true } memberLocation)
                _memberLocations[(typeName, property.Name)] = memberLocation;
            members.Add(new MemberSpec
            {
                Name = property.Name,
                JsonName = jsonName,
                Type = memberType,
                Description = description,
                Binding = binding,
                ConstructorIndex = parameter?.Ordinal ?? -1,
                IsRequired = binding != MemberBinding.ReadOnly
                    && ((parameter is not null && defaultValue is null) || property.IsRequired || jsonRequired || constraints.Required),
                IsCSharpRequired = property.IsRequired,
                Default = defaultValue,
                DefaultJson = defaultJson,
                WriteCondition = ignoreCondition switch { IgnoreWhenWritingNull => WriteCondition.WhenNotNull, IgnoreWhenWritingDefault => WriteCondition.WhenNotDefault, _ => WriteCondition.Always },
                Constraints = constraints,
            });
        }

        var fixedArguments = new ConstructorArgumentSpec[constructor.Parameters.Length];
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            fixedArguments[parameter.Ordinal] = new ConstructorArgumentSpec(null);
            if (boundParameters.Contains(parameter)) continue;
            if (!ignoredNames.Contains(parameter.Name))
                return FailObject(type, path, $"its constructor parameter '{parameter.Name}' matches no public property, so it cannot be read from JSON");
            DefaultValueSpec value = DefaultValues.Unspecified(parameter.Type);
            if (parameter.HasExplicitDefaultValue && Map(parameter.Type, path) is { } parameterType)
                DefaultValues.Describe(parameter.ExplicitDefaultValue, parameterType, out value, out _);
            fixedArguments[parameter.Ordinal] = new ConstructorArgumentSpec(value);
        }

        return new ObjectSpec
        {
            TypeName = typeName,
            Name = type.Name,
            IsValueType = type.IsValueType,
            Description = _known.Description(type) ?? typeDocs.Summary,
            ConstructorArguments = new EquatableArray<ConstructorArgumentSpec>(fixedArguments),
            Members = new EquatableArray<MemberSpec>(members.ToArray()),
        };
    }

    // System.Text.Json's choice: [JsonConstructor], else a parameterless constructor, else the only public one.
    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, out string? problem)
    {
        problem = null;
        List<IMethodSymbol> usable = type.InstanceConstructors
            .Where(c => _compilation.IsSymbolAccessibleWithin(c, _accessFrom) && !IsCopyConstructor(type, c))
            .ToList();
        List<IMethodSymbol> marked = usable.Where(c => KnownSymbols.Attribute(c, _known.JsonConstructorAttribute) is not null).ToList();
        if (marked.Count == 1) return marked[0];
        List<IMethodSymbol> visible = usable.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        IMethodSymbol? parameterless = usable.FirstOrDefault(c => c.Parameters.Length == 0);
        // A struct always has a parameterless constructor; a (record) struct that declares one other public constructor is meant to be built with it.
        if (type.IsValueType && parameterless is { IsImplicitlyDeclared: true } && visible.Count(c => c.Parameters.Length > 0) == 1)
            return visible.First(c => c.Parameters.Length > 0);
        if (parameterless is not null) return parameterless;
        if (visible.Count == 1) return visible[0];
        problem = usable.Count == 0
            ? "it has no constructor the generated code can call"
            : "it has several constructors; mark the one to use with [JsonConstructor]";
        return null;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private EquatableArray<EnumMemberSpec> EnumMembers(INamedTypeSymbol type) =>
        new(type.GetMembers().OfType<IFieldSymbol>()
            .Where(static f => f.HasConstantValue)
            .Select(f => new EnumMemberSpec(
                f.Name,
                KnownSymbols.Attribute(f, _known.JsonStringEnumMemberNameAttribute) is { ConstructorArguments: [{ Value: string jsonName }] } ? jsonName : f.Name,
                Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture) ?? "0")
            {
                Description = _known.Description(f) ?? ReadDocs(f).Summary,
            })
            .ToArray());

    // The same record or enum is usually reached from many tools; its documentation is read once per compilation.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, DocComment>> s_docs = new();

    private DocComment ReadDocs(ISymbol symbol)
    {
        ConcurrentDictionary<ISymbol, DocComment> docs = s_docs.GetValue(_compilation, static _ => new ConcurrentDictionary<ISymbol, DocComment>(SymbolEqualityComparer.Default));
        if (docs.TryGetValue(symbol, out DocComment? known)) return known;
        DocComment read = DocComment.None;
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            read = XmlDocReader.Read(symbol, reference.GetSyntax(_cancellationToken), _cancellationToken);
            break;
        }
        return docs.GetOrAdd(symbol, read);
    }

    private TypeSpec? Fail(ITypeSymbol type, string path, string reason)
    {
        _failure ??= $"{type.ToDisplayString(s_messageFormat)} at {path}: {reason}";
        return null;
    }

    private ObjectSpec? FailObject(INamedTypeSymbol type, string path, string reason)
    {
        Fail(type, path, reason);
        return null;
    }

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (KnownSymbols.Is(current, baseType)) return true;
        }
        return false;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value) return value;
        }
        return null;
    }
}
