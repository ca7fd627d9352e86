namespace ToolGen.Generator;

/// <summary>The generator's tracked pipeline steps, for incremental-caching tests.</summary>
public static class ToolGenStepNames
{
    /// <summary>
    /// The parse of each <c>[Tool]</c> method (null for a method the generator skips). Roslyn reruns this transform whenever
    /// the compilation changes, so after an edit its outputs are <c>Unchanged</c> (recomputed, equal) rather than <c>Cached</c>;
    /// every later step is then <c>Cached</c>.
    /// </summary>
    public const string ParsedMethods = nameof(ParsedMethods);

    /// <summary>Each parsed tool with its schemas in every dialect, its result schema and its contract fingerprint.</summary>
    public const string ToolSchemas = nameof(ToolSchemas);

    /// <summary>The methods the generator produces tools for.</summary>
    public const string ToolMethods = nameof(ToolMethods);

    /// <summary>The methods grouped into one spec per containing type.</summary>
    public const string ToolContainers = nameof(ToolContainers);

    /// <summary>The <c>[ToolSchema]</c> types.</summary>
    public const string SchemaTypes = nameof(SchemaTypes);
}
