using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// The well-known types the parser compares symbols with, looked up once per compilation (<see cref="For"/>), so that
/// no rule depends on how a type's name is displayed. A type the compilation does not reference is null.
/// </summary>
internal sealed class KnownSymbols
{
    /// <summary>The attribute that marks a tool method (the generator's pipeline starts from it).</summary>
    public const string ToolAttributeMetadataName = "ToolGen.ToolAttribute";

    /// <summary>The attribute that asks for a type's schema.</summary>
    public const string ToolSchemaAttributeMetadataName = "ToolGen.ToolSchemaAttribute";

    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new();

    private KnownSymbols(Compilation compilation)
    {
        INamedTypeSymbol? Get(string name) => compilation.GetTypeByMetadataName(name);

        ToolAttribute = Get(ToolAttributeMetadataName);
        ToolSchemaAttribute = Get(ToolSchemaAttributeMetadataName);
        ToolContext = Get("ToolGen.ToolContext");
        CancellationToken = Get("System.Threading.CancellationToken");
        FromServicesAttribute = Get("ToolGen.FromServicesAttribute");
        AspNetFromServicesAttribute = Get("Microsoft.AspNetCore.Mvc.FromServicesAttribute");
        FromKeyedServicesAttribute = Get("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
        ActivatorUtilitiesConstructorAttribute = Get("Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute");
        ServiceProvider = Get("System.IServiceProvider");
        Disposable = Get("System.IDisposable");
        AsyncDisposable = Get("System.IAsyncDisposable");
        HttpClient = Get("System.Net.Http.HttpClient");
        Task = Get("System.Threading.Tasks.Task");
        TaskOfT = Get("System.Threading.Tasks.Task`1");
        ValueTask = Get("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
        Delegate = Get("System.Delegate");
        Exception = Get("System.Exception");
        DescriptionAttribute = Get("System.ComponentModel.DescriptionAttribute");
        JsonIgnoreAttribute = Get("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonPropertyNameAttribute = Get("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        JsonRequiredAttribute = Get("System.Text.Json.Serialization.JsonRequiredAttribute");
        JsonConstructorAttribute = Get("System.Text.Json.Serialization.JsonConstructorAttribute");
        JsonStringEnumMemberNameAttribute = Get("System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute");

        const string annotations = "System.ComponentModel.DataAnnotations.";
        RangeAttribute = Get(annotations + "RangeAttribute");
        StringLengthAttribute = Get(annotations + "StringLengthAttribute");
        MinLengthAttribute = Get(annotations + "MinLengthAttribute");
        MaxLengthAttribute = Get(annotations + "MaxLengthAttribute");
        RegularExpressionAttribute = Get(annotations + "RegularExpressionAttribute");
        EmailAddressAttribute = Get(annotations + "EmailAddressAttribute");
        UrlAttribute = Get(annotations + "UrlAttribute");
        RequiredAttribute = Get(annotations + "RequiredAttribute");

        Add(ValueShapes, Get("System.DateTimeOffset"), TypeShape.DateTimeOffset);
        Add(ValueShapes, Get("System.DateOnly"), TypeShape.DateOnly);
        Add(ValueShapes, Get("System.TimeOnly"), TypeShape.TimeOnly);
        Add(ValueShapes, Get("System.TimeSpan"), TypeShape.TimeSpan);
        Add(ValueShapes, Get("System.Guid"), TypeShape.Guid);
        Add(ValueShapes, Get("System.Uri"), TypeShape.Uri);
        Add(ValueShapes, Get("System.Text.Json.JsonElement"), TypeShape.JsonElement);
        Add(ValueShapes, Get("System.Text.Json.Nodes.JsonNode"), TypeShape.JsonNode);
        Add(ValueShapes, Get("System.Text.Json.Nodes.JsonObject"), TypeShape.JsonObject);
        Add(ValueShapes, Get("System.Text.Json.Nodes.JsonArray"), TypeShape.JsonArray);

        foreach (string list in new[] { "List`1", "IList`1", "ICollection`1", "IReadOnlyList`1", "IReadOnlyCollection`1", "IEnumerable`1" })
            Add(CollectionShapes, Get("System.Collections.Generic." + list), TypeShape.List);
        foreach (string set in new[] { "HashSet`1", "ISet`1", "IReadOnlySet`1" })
            Add(CollectionShapes, Get("System.Collections.Generic." + set), TypeShape.Set);
        foreach (string dictionary in new[] { "Dictionary`2", "IDictionary`2", "IReadOnlyDictionary`2" })
            Add(CollectionShapes, Get("System.Collections.Generic." + dictionary), TypeShape.Dictionary);
    }

    /// <summary>The known symbols of <paramref name="compilation"/>, built on first use.</summary>
    public static KnownSymbols For(Compilation compilation) => s_cache.GetValue(compilation, static c => new KnownSymbols(c));

    public INamedTypeSymbol? ToolAttribute { get; }
    public INamedTypeSymbol? ToolSchemaAttribute { get; }
    public INamedTypeSymbol? ToolContext { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? FromServicesAttribute { get; }
    public INamedTypeSymbol? AspNetFromServicesAttribute { get; }
    public INamedTypeSymbol? FromKeyedServicesAttribute { get; }
    public INamedTypeSymbol? ActivatorUtilitiesConstructorAttribute { get; }
    public INamedTypeSymbol? ServiceProvider { get; }
    public INamedTypeSymbol? Disposable { get; }
    public INamedTypeSymbol? AsyncDisposable { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? Delegate { get; }
    public INamedTypeSymbol? Exception { get; }
    public INamedTypeSymbol? DescriptionAttribute { get; }
    public INamedTypeSymbol? JsonIgnoreAttribute { get; }
    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }
    public INamedTypeSymbol? JsonRequiredAttribute { get; }
    public INamedTypeSymbol? JsonConstructorAttribute { get; }
    public INamedTypeSymbol? JsonStringEnumMemberNameAttribute { get; }
    public INamedTypeSymbol? RangeAttribute { get; }
    public INamedTypeSymbol? StringLengthAttribute { get; }
    public INamedTypeSymbol? MinLengthAttribute { get; }
    public INamedTypeSymbol? MaxLengthAttribute { get; }
    public INamedTypeSymbol? RegularExpressionAttribute { get; }
    public INamedTypeSymbol? EmailAddressAttribute { get; }
    public INamedTypeSymbol? UrlAttribute { get; }
    public INamedTypeSymbol? RequiredAttribute { get; }

    /// <summary>Framework value types with a JSON string or free-form shape, by symbol.</summary>
    public Dictionary<INamedTypeSymbol, TypeShape> ValueShapes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Generic collection definitions (<c>List&lt;T&gt;</c>, <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>…), by their original definition.</summary>
    public Dictionary<INamedTypeSymbol, TypeShape> CollectionShapes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether <paramref name="symbol"/> is <paramref name="known"/> (false when the compilation lacks it).</summary>
    public static bool Is(ITypeSymbol? symbol, INamedTypeSymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(symbol, known);

    /// <summary>The first attribute of <paramref name="symbol"/> whose class is <paramref name="attributeClass"/>.</summary>
    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null) return null;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass)) return attribute;
        }
        return null;
    }

    /// <summary>The <c>[Description]</c> text of <paramref name="symbol"/>, if any.</summary>
    public string? Description(ISymbol symbol) =>
        Attribute(symbol, DescriptionAttribute) is { ConstructorArguments: [{ Value: string text }] } ? text : null;

    private static void Add(Dictionary<INamedTypeSymbol, TypeShape> shapes, INamedTypeSymbol? symbol, TypeShape shape)
    {
        if (symbol is not null) shapes[symbol] = shape;
    }
}
