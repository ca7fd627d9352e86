using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Generator;
using ToolGen.Generator.Model;
using ToolGen.Generator.Parsing;
using ToolGen.Generator.Schema;
using ToolGen.Review.Manifest;
using ToolGen.Review.Tokens;

namespace ToolGen.Review;

/// <summary>
/// Reviews the project's tools as a whole, at compilation end: compares them with the checked-in tool manifest
/// (TG0025 when it is missing, TG0026 per tool that was added, removed or changed) and counts what each costs in
/// tokens against the budgets (TG0027 per tool, TG0028 for the set); TG0029 when a setting cannot be read or ToolGen
/// is another version. It runs the generator's own parser and schema stage, so the manifest shows exactly what the
/// generated code sends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReviewAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ReviewDescriptors.ManifestMissing, ReviewDescriptors.ManifestDiffers, ReviewDescriptors.ToolOverBudget, ReviewDescriptors.SetOverBudget,
        ReviewDescriptors.NotSetUp);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Tools in generated files are generated too (the generator does not skip them), so they are reviewed.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            ReviewOptions options = ReviewOptions.Read(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            if (!options.AnythingToCheck) return;
            if (KnownSymbols.For(start.Compilation).ToolAttribute is not { } toolAttribute) return;
            var tools = new ConcurrentBag<ReviewedTool>();
            start.RegisterSymbolAction(symbol => Collect(symbol, toolAttribute, tools), SymbolKind.Method);
            start.RegisterCompilationEndAction(end => Report(end, options, tools));
        });
    }

    private sealed record ReviewedTool(ManifestEntry Entry, Location Location, string Type);

    // Every tool the generator emits (methods it cannot generate are the other analyzer's errors), as its manifest entry.
    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol toolAttribute, ConcurrentBag<ReviewedTool> tools)
    {
        var method = (IMethodSymbol)context.Symbol;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, toolAttribute));
        if (attribute is null) return;
        if (method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } syntax) return;
        if (ToolGenerator.Parser.Parse(method, syntax, attribute, context.Compilation, context.CancellationToken).Spec is not { } parsed) return;

        ToolSpec tool = parsed.Tool;
        (string standard, SchemaResult strict, string? output, string fingerprint) = SchemaStage.Reviewed(tool, new ObjectGraph(parsed.Objects));
        if (tool.Strict && strict.Json is null) return;
        int tokens = O200kTokenizer.Instance.Count(ToolDefinitionJson.For(tool, strict.Json ?? standard));
        tools.Add(new ReviewedTool(ToolEntry.For(tool, standard, output, fingerprint, tokens), syntax.Identifier.GetLocation(), method.ContainingType.ToDisplayString()));
    }

    private static void Report(CompilationAnalysisContext context, ReviewOptions options, ConcurrentBag<ReviewedTool> collected)
    {
        foreach (Diagnostic problem in options.Problems) context.ReportDiagnostic(problem);
        CheckVersion(context);

        ReviewedTool[] tools = [.. Distinct(collected).OrderBy(static t => t.Entry.Name, StringComparer.Ordinal)];
        if (tools.Length > 0) CheckBudgets(context, options, tools);
        if (options.Manifest) CheckManifest(context, options, tools);
    }

    // Two tools of one name in different types are both generated (TG0019 warns), so both are listed and counted: each
    // under its name and its type, "get_weather (MyApp.TravelTools)". (Two in one type are TG0011 errors.)
    private static IEnumerable<ReviewedTool> Distinct(IEnumerable<ReviewedTool> tools)
    {
        foreach (IGrouping<string, ReviewedTool> named in tools.GroupBy(static t => t.Entry.Name, StringComparer.Ordinal))
        {
            ReviewedTool[] same = [.. named];
            if (same.Length == 1)
            {
                yield return same[0];
                continue;
            }
            foreach (ReviewedTool tool in same)
                yield return tool with { Entry = new ManifestEntry(tool.Entry.Name + " (" + tool.Type + ")", tool.Entry.Fields) };
        }
    }

    // The manifest and the counts describe the schemas this package's copy of the generator builds; a ToolGen of another
    // version may emit others.
    private static void CheckVersion(CompilationAnalysisContext context)
    {
        AssemblyIdentity? runtime = context.Compilation.ReferencedAssemblyNames.FirstOrDefault(static a => a.Name == "ToolGen");
        if (runtime is null) return;
        string review = ThisAssembly.Version.Split('-', '+')[0];
        string referenced = runtime.Version.ToString(3);
        if (review == referenced) return;
        context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.NotSetUp, Location.None,
            "ToolGen.Review " + review + " describes tools as ToolGen " + review + " generates them, but the project references ToolGen " + referenced
            + "; use the same version of both packages"));
    }

    private static void CheckBudgets(CompilationAnalysisContext context, ReviewOptions options, ReviewedTool[] tools)
    {
        if (options.ToolBudget > 0)
        {
            foreach (ReviewedTool tool in tools.Where(t => t.Entry.Tokens > options.ToolBudget))
                context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ToolOverBudget, tool.Location, tool.Entry.Name, Number(tool.Entry.Tokens), Number(options.ToolBudget)));
        }
        long total = tools.Sum(static t => (long)t.Entry.Tokens);
        if (options.SetBudget > 0 && total > options.SetBudget)
        {
            string longest = string.Join(", ", tools.OrderByDescending(static t => t.Entry.Tokens).ThenBy(static t => t.Entry.Name, StringComparer.Ordinal).Take(3)
                .Select(static t => t.Entry.Name + " (" + Number(t.Entry.Tokens) + ")"));
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.SetOverBudget, Location.None, tools.Length, Number(total), Number(options.SetBudget), longest));
        }
    }

    private static void CheckManifest(CompilationAnalysisContext context, ReviewOptions options, ReviewedTool[] tools)
    {
        AdditionalText? file = FindManifest(context.Options.AdditionalFiles, options.ManifestFile);
        SourceText? text = file?.GetText(context.CancellationToken);
        if (file is null || text is null)
        {
            if (tools.Length == 0) return;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReviewDescriptors.PathProperty, options.ManifestFile)
                .Add(ReviewDescriptors.ManifestProperty, ManifestFile.Write(tools.Select(static t => t.Entry)));
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ManifestMissing, tools[0].Location, properties, options.ManifestFile, tools.Length));
            return;
        }

        string name = ManifestFile.FileName(file.Path);
        var current = tools.ToDictionary(static t => t.Entry.Name, StringComparer.Ordinal);
        var listed = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach ((ManifestEntry entry, int offset) in ManifestEntry.Read(text.ToString()))
        {
            if (!listed.ContainsKey(entry.Name))
            {
                listed.Add(entry.Name, entry);
                if (!current.ContainsKey(entry.Name)) Report(entry.Name, "was removed: the tool manifest still lists it", ManifestLine(offset), entry: null);
                continue;
            }
            // A second entry for one tool (a merge gone wrong): the first counts; the fix writes one.
            string kept = current.TryGetValue(entry.Name, out ReviewedTool? tool) ? tool.Entry.ToString() : listed[entry.Name].ToString();
            Report(entry.Name, "is listed more than once in the tool manifest", ManifestLine(offset), kept);
        }
        foreach (ReviewedTool tool in tools)
        {
            string change;
            if (!listed.TryGetValue(tool.Entry.Name, out ManifestEntry? before)) change = "is new: it is not in the tool manifest";
            else if (ManifestDiff.Changes(before, tool.Entry) is { Count: > 0 } changes) change = "changed: " + string.Join("; ", changes);
            else continue;
            Report(tool.Entry.Name, change, tool.Location, tool.Entry.ToString());
        }

        // The "tool" line of an entry, located by its offset, so that every line break the text holds counts as the
        // editor counts it.
        Location ManifestLine(int offset)
        {
            TextLine line = text.Lines.GetLineFromPosition(offset);
            return Location.Create(file.Path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
        }

        void Report(string tool, string change, Location at, string? entry)
        {
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReviewDescriptors.ToolProperty, tool)
                .Add(ReviewDescriptors.PathProperty, file.Path);
            if (entry is not null) properties = properties.Add(ReviewDescriptors.EntryProperty, entry);
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ManifestDiffers, at, properties, tool, change, name));
        }
    }

    private static AdditionalText? FindManifest(ImmutableArray<AdditionalText> files, string path) =>
        files.FirstOrDefault(file => ManifestFile.IsAt(file.Path, path));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
