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
/// tokens against the budgets (TG0027 per tool, TG0028 for the set). It runs the generator's own parser and schema
/// stage, so the manifest shows exactly what the generated code sends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReviewAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ReviewDescriptors.ManifestMissing, ReviewDescriptors.ManifestDiffers, ReviewDescriptors.ToolOverBudget, ReviewDescriptors.SetOverBudget,
        ReviewDescriptors.InvalidSetting);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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

    private sealed record ReviewedTool(ManifestEntry Entry, Location Location);

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
        tools.Add(new ReviewedTool(ToolEntry.For(tool, standard, output, fingerprint, tokens), syntax.Identifier.GetLocation()));
    }

    private static void Report(CompilationAnalysisContext context, ReviewOptions options, ConcurrentBag<ReviewedTool> collected)
    {
        foreach (Diagnostic problem in options.Problems) context.ReportDiagnostic(problem);

        // One entry per name (two tools with one name are TG0011/TG0019 errors), in the manifest's order.
        ReviewedTool[] tools = [.. collected.GroupBy(static t => t.Entry.Name, StringComparer.Ordinal)
            .Select(static g => g.OrderBy(static t => t.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(static t => t.Location.SourceSpan.Start).First())
            .OrderBy(static t => t.Entry.Name, StringComparer.Ordinal)];
        if (tools.Length == 0) return;

        CheckBudgets(context, options, tools);
        if (options.Manifest) CheckManifest(context, options, tools);
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
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReviewDescriptors.PathProperty, options.ManifestFile)
                .Add(ReviewDescriptors.ManifestProperty, ManifestFile.Write(tools.Select(static t => t.Entry)));
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ManifestMissing, tools[0].Location, properties, options.ManifestFile, tools.Length));
            return;
        }

        var listed = new Dictionary<string, (ManifestEntry Entry, int Line)>(StringComparer.Ordinal);
        foreach ((ManifestEntry entry, int line) in ManifestEntry.Read(text.ToString()))
        {
            if (!listed.ContainsKey(entry.Name)) listed.Add(entry.Name, (entry, line));
        }
        string name = ManifestFile.FileName(file.Path);
        foreach (ReviewedTool tool in tools)
        {
            string change;
            if (!listed.TryGetValue(tool.Entry.Name, out (ManifestEntry Entry, int Line) before)) change = "is new: it is not in the tool manifest";
            else if (ManifestDiff.Changes(before.Entry, tool.Entry) is { Count: > 0 } changes) change = "changed: " + string.Join("; ", changes);
            else continue;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReviewDescriptors.ToolProperty, tool.Entry.Name)
                .Add(ReviewDescriptors.EntryProperty, tool.Entry.ToString())
                .Add(ReviewDescriptors.PathProperty, file.Path);
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ManifestDiffers, tool.Location, properties, tool.Entry.Name, change, name));
        }
        var current = new HashSet<string>(tools.Select(static t => t.Entry.Name), StringComparer.Ordinal);
        foreach (KeyValuePair<string, (ManifestEntry Entry, int Line)> removed in listed.Where(l => !current.Contains(l.Key)).OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            TextLine line = text.Lines[removed.Value.Line];
            Location at = Location.Create(file.Path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReviewDescriptors.ToolProperty, removed.Key)
                .Add(ReviewDescriptors.PathProperty, file.Path);
            context.ReportDiagnostic(Diagnostic.Create(ReviewDescriptors.ManifestDiffers, at, properties, removed.Key, "was removed: the tool manifest still lists it", name));
        }
    }

    private static AdditionalText? FindManifest(ImmutableArray<AdditionalText> files, string path) =>
        files.FirstOrDefault(file => ManifestFile.IsAt(file.Path, path));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
