namespace ToolGen.Generator.Model;

/// <summary>How a tool method's parameter gets its value.</summary>
internal enum ParameterBinding
{
    /// <summary>From the model's JSON arguments; part of the schema.</summary>
    Json,
    /// <summary>The call's <c>CancellationToken</c>.</summary>
    CancellationToken,
    /// <summary>The call's <c>ToolContext</c>.</summary>
    ToolContext,
    /// <summary>A service from the call's provider (<c>[FromServices]</c>, <c>[FromKeyedServices]</c>, <c>IServiceProvider</c>).</summary>
    Service,
}

/// <summary>One parameter of a tool method.</summary>
internal sealed record ToolParameterSpec
{
    /// <summary>The C# parameter name.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON property name.</summary>
    public required string JsonName { get; init; }

    public required ParameterBinding Binding { get; init; }

    /// <summary>The service, when <see cref="Binding"/> is <see cref="ParameterBinding.Service"/>.</summary>
    public ServiceSpec? Service { get; init; }

    /// <summary>The parameter's type; null unless <see cref="Binding"/> is <see cref="ParameterBinding.Json"/>.</summary>
    public TypeSpec? Type { get; init; }

    /// <summary>The description from <c>&lt;param&gt;</c> or <c>[Description]</c>; empty when there is none.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether the parameter is optional (has a default value).</summary>
    public bool HasDefault { get; init; }

    /// <summary>The default value, when <see cref="HasDefault"/>.</summary>
    public DefaultValueSpec? Default { get; init; }

    /// <summary>The default value as JSON, when JSON can express it.</summary>
    public string? DefaultJson { get; init; }

    /// <summary>DataAnnotations constraints on the parameter.</summary>
    public ConstraintSpec Constraints { get; init; } = ConstraintSpec.None;

    public bool IsRequired => Binding == ParameterBinding.Json && (!HasDefault || Constraints.Required);
}
