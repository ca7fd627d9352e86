using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// Which values come from the call's services rather than from the model: <c>[FromServices]</c> (ToolGen's or ASP.NET
/// Core's), <c>[FromKeyedServices(key)]</c> and <c>IServiceProvider</c> parameters, and the constructor of a tool type
/// created per call. Also the judgments the diagnostics need: a type that looks like a service, a type the model sends.
/// </summary>
internal static class ServiceBinding
{
    private static readonly SymbolDisplayFormat s_displayFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// The service <paramref name="parameter"/> is bound to, or null when the model supplies it. <paramref name="problem"/>
    /// says why a parameter marked for services cannot be bound (a key ToolGen cannot write).
    /// </summary>
    public static ServiceSpec? For(IParameterSymbol parameter, KnownSymbols known, out string? problem)
    {
        problem = null;
        bool optional = parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.Annotated;
        if (KnownSymbols.Attribute(parameter, known.FromKeyedServicesAttribute) is { } keyed)
        {
            if (keyed.ConstructorArguments is not [{ } key] || KeyExpression(key) is not { } expression)
            {
                problem = $"the [FromKeyedServices] parameter '{parameter.Name}': give it a key that is a string, a number or an enum member";
                return null;
            }
            return Spec(parameter.Type, ServiceSource.KeyedType, optional) with { KeyExpression = expression };
        }
        if (KnownSymbols.Attribute(parameter, known.FromServicesAttribute) is not null || KnownSymbols.Attribute(parameter, known.AspNetFromServicesAttribute) is not null)
            return Spec(parameter.Type, KnownSymbols.Is(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.ServiceProvider) ? ServiceSource.Provider : ServiceSource.Type, optional);
        if (KnownSymbols.Is(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.ServiceProvider))
            return Spec(parameter.Type, ServiceSource.Provider, optional);
        return null;
    }

    /// <summary>
    /// How a call creates <paramref name="type"/> from its services: its only accessible constructor, or the one marked
    /// <c>[ActivatorUtilitiesConstructor]</c>, every parameter a service. Null for static, abstract and value types, and
    /// when no constructor can be chosen or bound.
    /// </summary>
    public static FactorySpec? Factory(INamedTypeSymbol type, KnownSymbols known)
    {
        if (type.IsStatic || type.IsAbstract || type.TypeKind != TypeKind.Class) return null;
        // 'new T(…)' would not compile with required members left unset.
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers().Any(static m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })) return null;
        }
        IMethodSymbol[] constructors = type.InstanceConstructors
            .Where(static c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .ToArray();
        IMethodSymbol? chosen = constructors.Length == 1 ? constructors[0]
            : constructors.Where(c => KnownSymbols.Attribute(c, known.ActivatorUtilitiesConstructorAttribute) is not null).ToArray() is [{ } marked] ? marked
            : null;
        if (chosen is null) return null;

        var parameters = new List<FactoryParameterSpec>(chosen.Parameters.Length);
        foreach (IParameterSymbol parameter in chosen.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
            // A constructor that takes a number or a string is data, not a service's (a record's values): no factory.
            if (!parameter.HasExplicitDefaultValue && IsModelValue(parameter.Type, known)) return null;
            ServiceSpec? service = For(parameter, known, out string? problem);
            if (problem is not null) return null;
            parameters.Add(new FactoryParameterSpec(parameter.Name,
                service ?? Spec(parameter.Type, ServiceSource.Type, parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.Annotated)));
        }
        return new FactorySpec
        {
            Parameters = new EquatableArray<FactoryParameterSpec>(parameters.ToArray()),
            IsAsyncDisposable = Implements(type, known.AsyncDisposable),
            IsDisposable = !Implements(type, known.AsyncDisposable) && Implements(type, known.Disposable),
        };
    }

    /// <summary>
    /// Whether a tool parameter of type <paramref name="type"/> is clearly a service the host should supply rather than a
    /// value the model sends: an interface that is not the BCL's nor a collection (<c>ILogger&lt;T&gt;</c>,
    /// <c>IOrderStore</c>), or an <c>HttpClient</c>.
    /// </summary>
    public static bool LooksLikeService(ITypeSymbol type, KnownSymbols known)
    {
        if (type is not INamedTypeSymbol named) return false;
        if (KnownSymbols.Is(named.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.HttpClient)) return true;
        // The BCL's own interfaces (IComparable, IFormattable, IEnumerable…) describe values, not services.
        string ns = named.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)) return false;
        return named.TypeKind == TypeKind.Interface && !known.CollectionShapes.ContainsKey(named.OriginalDefinition)
            && named.SpecialType == SpecialType.None && !IsEnumerable(named);
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a value the model sends — a number, string, boolean, enum, date, id or URL, or an
    /// array of them — so it makes no sense as a service.
    /// </summary>
    public static bool IsModelValue(ITypeSymbol type, KnownSymbols known)
    {
        if (type is IArrayTypeSymbol array) return IsModelValue(array.ElementType, known);
        if (type is INamedTypeSymbol { IsGenericType: true } nullable && nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            return IsModelValue(nullable.TypeArguments[0], known);
        if (type.TypeKind == TypeKind.Enum) return true;
        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime) return true;
        return type is INamedTypeSymbol named && known.ValueShapes.ContainsKey(named);
    }

    private static ServiceSpec Spec(ITypeSymbol type, ServiceSource source, bool optional)
    {
        ITypeSymbol plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (plain is INamedTypeSymbol { IsValueType: true, IsGenericType: true } nullable && nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            plain = nullable.TypeArguments[0];
            optional = true;
        }
        return new ServiceSpec
        {
            Source = source,
            TypeName = plain.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            DisplayName = plain.ToDisplayString(s_displayFormat),
            IsOptional = optional,
        };
    }

    // A key as C#: a string, a number, a character, a boolean or an enum member (as a cast of its value).
    private static string? KeyExpression(TypedConstant key)
    {
        if (key.IsNull) return "null";
        if (key.Kind == TypedConstantKind.Enum && key.Type is { } enumType)
            return $"({enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({System.Convert.ToString(key.Value, CultureInfo.InvariantCulture)})";
        return key.Value switch
        {
            string text => CSharpLiteral.String(text),
            bool flag => flag ? "true" : "false",
            int or long or uint or ulong => System.Convert.ToString(key.Value, CultureInfo.InvariantCulture) + Suffix(key.Value),
            // The key is compared as the boxed value, so it keeps its exact type.
            short or sbyte or byte or ushort or char => $"({key.Type!.ToDisplayString()}){System.Convert.ToInt32(key.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}",
            _ => null,
        };
    }

    private static string Suffix(object value) => value switch { long => "L", uint => "U", ulong => "UL", _ => "" };

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? contract) =>
        contract is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, contract));

    private static bool IsEnumerable(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(static i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
}
