namespace ToolGen.Generator;

/// <summary>The generator's tracked pipeline steps, for incremental-caching tests.</summary>
public static class ToolGenStepNames
{
    /// <summary>One parsed <c>[Tool]</c> method (or none for a method the generator skips).</summary>
    public const string ToolMethods = nameof(ToolMethods);

    /// <summary>The methods grouped into one spec per containing type.</summary>
    public const string ToolContainers = nameof(ToolContainers);
}
