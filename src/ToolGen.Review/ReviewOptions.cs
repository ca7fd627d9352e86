using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ToolGen.Review;

/// <summary>
/// The project's MSBuild settings, as the package's props make them visible to the compiler:
/// <c>ToolGenManifest</c> (true/false), <c>ToolGenManifestFile</c> (a path), <c>ToolGenToolTokenBudget</c> and
/// <c>ToolGenTokenBudget</c> (tokens, 0 = off). A value that cannot be read is reported and its default used.
/// </summary>
internal sealed class ReviewOptions
{
    public const int DefaultToolBudget = 1000;
    public const int DefaultSetBudget = 10000;

    public bool Manifest { get; private set; }

    /// <summary>The manifest's path as MSBuild gave it, or just the default file name when MSBuild did not say.</summary>
    public string ManifestFile { get; private set; } = ToolGen.Review.Manifest.ManifestFile.DefaultFileName;

    public int ToolBudget { get; private set; } = DefaultToolBudget;

    public int SetBudget { get; private set; } = DefaultSetBudget;

    public List<Diagnostic> Problems { get; } = [];

    public bool AnythingToCheck => Manifest || ToolBudget > 0 || SetBudget > 0 || Problems.Count > 0;

    public static ReviewOptions Read(AnalyzerConfigOptions global)
    {
        var options = new ReviewOptions();
        if (Value(global, "ToolGenManifest") is { } manifest)
        {
            if (bool.TryParse(manifest, out bool on)) options.Manifest = on;
            else options.Problems.Add(Invalid("ToolGenManifest", manifest, "true or false", "false"));
        }
        if (Value(global, "ToolGenManifestFile") is { } file) options.ManifestFile = file;
        options.ToolBudget = Budget(global, "ToolGenToolTokenBudget", DefaultToolBudget, options.Problems);
        options.SetBudget = Budget(global, "ToolGenTokenBudget", DefaultSetBudget, options.Problems);
        return options;
    }

    private static int Budget(AnalyzerConfigOptions global, string name, int fallback, List<Diagnostic> problems)
    {
        if (Value(global, name) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int tokens)) return tokens;
        problems.Add(Invalid(name, text, "a number of tokens (0 turns the budget off)", fallback.ToString(CultureInfo.InvariantCulture)));
        return fallback;
    }

    private static Diagnostic Invalid(string name, string value, string expected, string used) =>
        Diagnostic.Create(ReviewDescriptors.NotSetUp, Location.None, name + " is '" + value + "', which is not " + expected + "; " + used + " is used");

    private static string? Value(AnalyzerConfigOptions global, string name) =>
        global.TryGetValue("build_property." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
