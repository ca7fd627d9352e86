using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>Where a service comes from: the call's provider, asked for a type (with a key or not), or the provider itself.</summary>
internal enum ServiceSource
{
    /// <summary><c>GetService(typeof(T))</c>.</summary>
    Type,
    /// <summary><c>IKeyedServiceProvider.GetKeyedService(typeof(T), key)</c>.</summary>
    KeyedType,
    /// <summary>The call's <c>IServiceProvider</c> itself.</summary>
    Provider,
}

/// <summary>
/// A value the generated code takes from the call's services rather than from the model: a <c>[FromServices]</c> or
/// <c>IServiceProvider</c> tool parameter, or a constructor parameter of a tool type created per call.
/// </summary>
internal sealed record ServiceSpec
{
    public required ServiceSource Source { get; init; }

    /// <summary>The service type with <c>global::</c>, without a nullable annotation.</summary>
    public required string TypeName { get; init; }

    /// <summary>The type as the developer reads it in a message (<c>MyApp.IOrderStore</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The service key as a C# expression, for <see cref="ServiceSource.KeyedType"/>.</summary>
    public string? KeyExpression { get; init; }

    /// <summary>A missing service is null (the parameter has a default value or a nullable type), not a failed call.</summary>
    public bool IsOptional { get; init; }
}

/// <summary>How the generated factory creates a tool type for one call: its constructor's services, and whether to dispose it.</summary>
internal sealed record FactorySpec
{
    /// <summary>The constructor's parameters, in order: their names and services.</summary>
    public required EquatableArray<FactoryParameterSpec> Parameters { get; init; }

    /// <summary>The type is <c>IAsyncDisposable</c> (disposed with <c>DisposeAsync</c> after the call).</summary>
    public bool IsAsyncDisposable { get; init; }

    /// <summary>The type is <c>IDisposable</c> (and not <c>IAsyncDisposable</c>).</summary>
    public bool IsDisposable { get; init; }
}

/// <summary>One constructor parameter of a tool type created per call.</summary>
internal sealed record FactoryParameterSpec(string Name, ServiceSpec Service);
