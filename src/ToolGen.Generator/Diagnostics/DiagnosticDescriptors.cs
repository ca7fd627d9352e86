using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Diagnostics;

/// <summary>Every diagnostic ToolGen reports. IDs are stable forever; each has a page under docs/diagnostics.</summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of every ToolGen diagnostic.</summary>
    public const string Category = "ToolGen";

    private const string HelpRoot = "https://github.com/toolgen/toolgen/blob/main/docs/diagnostics/";

    /// <summary>TG0009: a parameter or return type (or a member reached from it) has no JSON form.</summary>
    public const string UnsupportedTypeId = "TG0009";

    /// <summary>TG0010: a ref, out, in or params parameter.</summary>
    public const string ByRefParameterId = "TG0010";

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        UnsupportedTypeId,
        "The tool uses a type ToolGen cannot send as JSON",
        "Tool '{0}' cannot use {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every parameter and return type of a tool, and every member reached from them, must have a JSON form the generator can read, write and describe in a schema. Use a supported type, mark the member [JsonIgnore], or use JsonElement for free-form JSON.",
        helpLinkUri: HelpRoot + UnsupportedTypeId + ".md",
        customTags: WellKnownDiagnosticTags.NotConfigurable);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        ByRefParameterId,
        "A tool parameter cannot be ref, out, in or params",
        "Tool '{0}' cannot take the {1} parameter '{2}': a model sends arguments as one JSON object and receives nothing back through parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Tool arguments are read from the model's JSON object, and results are returned. Pass values normally and return what the model needs.",
        helpLinkUri: HelpRoot + ByRefParameterId + ".md",
        customTags: WellKnownDiagnosticTags.NotConfigurable);
}
