using Microsoft.CodeAnalysis;

namespace ToolGen.Review;

/// <summary>The diagnostics ToolGen.Review reports; each has a page under docs/diagnostics.</summary>
public static class ReviewDescriptors
{
    public const string ManifestMissingId = "TG0025";
    public const string ManifestDiffersId = "TG0026";
    public const string ToolOverBudgetId = "TG0027";
    public const string SetOverBudgetId = "TG0028";
    public const string NotSetUpId = "TG0029";

    /// <summary>Diagnostic property: the tool a TG0026 is about.</summary>
    public const string ToolProperty = "ToolGen.Tool";

    /// <summary>Diagnostic property: the tool's entry as the manifest should have it (absent when the tool was removed).</summary>
    public const string EntryProperty = "ToolGen.Entry";

    /// <summary>Diagnostic property: the manifest's path.</summary>
    public const string PathProperty = "ToolGen.ManifestPath";

    /// <summary>Diagnostic property of TG0025: the whole manifest the code fix writes.</summary>
    public const string ManifestProperty = "ToolGen.Manifest";

    public static readonly DiagnosticDescriptor ManifestMissing = new(ManifestMissingId,
        "The tool manifest does not exist",
        "ToolGenManifest is on but '{0}' does not exist; the code fix or 'dotnet msbuild -t:UpdateToolManifest' writes it with the project's {1} tool(s)",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd,
        description: "With <ToolGenManifest>true</ToolGenManifest>, every tool of the project is listed in a checked-in manifest so that a change to what the model is told shows up in code review. Create it with the code fix, or from the command line with 'dotnet msbuild -t:UpdateToolManifest'.");

    public static readonly DiagnosticDescriptor ManifestDiffers = new(ManifestDiffersId,
        "A tool differs from the tool manifest",
        "Tool '{0}' {1}; if that is intended, update '{2}' (code fix or 'dotnet msbuild -t:UpdateToolManifest')",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd,
        description: "The tool manifest lists each tool as the model sees it: description, parameters, output, hints, contract fingerprint and token cost. A tool that was added, removed or changed since the manifest was written is reported with what changed, so the change is reviewed with the code that made it.");

    public static readonly DiagnosticDescriptor ToolOverBudget = new(ToolOverBudgetId,
        "A tool costs more tokens than its budget",
        "Tool '{0}' is {1} o200k_base tokens of JSON in every request that offers it, over the budget of {2} (ToolGenToolTokenBudget); shorten its description or split its parameters",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd,
        description: "Every tool definition is sent, and paid for, with every request that offers it. The budget is ToolGenToolTokenBudget (default 1000, 0 turns it off).");

    public static readonly DiagnosticDescriptor SetOverBudget = new(SetOverBudgetId,
        "The project's tools cost more tokens than their budget",
        "The project's {0} tools are {1} o200k_base tokens of JSON together in a request that offers them all, over the budget of {2} (ToolGenTokenBudget); offer fewer tools per request or shorten the longest: {3}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd,
        description: "A model request that offers every tool of the project pays for all of their definitions before the user's first word. The budget is ToolGenTokenBudget (default 10000, 0 turns it off).");

    public static readonly DiagnosticDescriptor NotSetUp = new(NotSetUpId,
        "ToolGen.Review is not set up as it needs",
        "{0}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd,
        description: "A ToolGen.Review setting that cannot be read (its default is used), or a ToolGen package of another version than ToolGen.Review's, whose generator may emit other schemas than the ones the review describes.");

    private const string Category = "ToolGen";
}
