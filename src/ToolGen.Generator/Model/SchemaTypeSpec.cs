namespace ToolGen.Generator.Model;

/// <summary>A <c>[ToolSchema]</c> type: the generator emits its schema and reader for structured extraction.</summary>
internal sealed record SchemaTypeSpec
{
    /// <summary>The type's declarations, hint name and the object types it reaches.</summary>
    public required ToolContainerSpec Container { get; init; }

    /// <summary>The extraction tool's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the type describes.</summary>
    public required string Description { get; init; }

    /// <summary>The type's own object spec, by type name.</summary>
    public required string RootTypeName { get; init; }

    /// <summary>The standard schema, set by the schema stage.</summary>
    public string? Schema { get; init; }

    /// <summary>The OpenAI-strict schema, or null when strict mode cannot express the type; set by the schema stage.</summary>
    public string? StrictSchema { get; init; }
}
