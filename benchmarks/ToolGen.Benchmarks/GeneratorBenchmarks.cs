extern alias review;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator;
using ToolGen.Generator.Analyzers;
using ReviewAnalyzer = review::ToolGen.Review.ReviewAnalyzer;
using O200kTokenizer = review::ToolGen.Review.Tokens.O200kTokenizer;

namespace ToolGen.Benchmarks;

/// <summary>
/// The source generator on a project with 500 tools (50 classes of 10, with enums, defaults and a record parameter):
/// a full run as a command-line build does it (fresh driver, fresh compilation), and the runs an IDE makes after one
/// keystroke: an edit inside a method body (nothing to regenerate) and an edit of one tool's description (one class
/// regenerated). The incremental runs start from a driver that has already seen the unedited project.
/// </summary>
public class GeneratorBenchmarks
{
    public const int Classes = 50;
    public const int ToolsPerClass = 10;

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _editedTree = null!;
    private SyntaxTree _bodyEditTree = null!;
    private SyntaxTree _descriptionEditTree = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        SyntaxTree[] trees = [.. Enumerable.Range(0, Classes).Select(i => CSharpSyntaxTree.ParseText(Source(i), parseOptions, path: $"Tools{i}.cs"))];
        _compilation = CSharpCompilation.Create("FiveHundredTools", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _editedTree = trees[Classes / 2];
        string text = _editedTree.GetText().ToString();
        _bodyEditTree = _editedTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace("$\"25-0-", "$\"26-0-", StringComparison.Ordinal)));
        _descriptionEditTree = _editedTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace("Looks up record 0 ", "Finds record 0 ", StringComparison.Ordinal)));
        if (_bodyEditTree.ToString() == text || _descriptionEditTree.ToString() == text) throw new InvalidOperationException("The edits did not apply.");
        _warmDriver = NewDriver().RunGenerators(_compilation);

        GeneratorDriverRunResult result = _warmDriver.GetRunResult();
        // The tools' names and descriptions as the generated descriptors carry them, for the TG0022 benchmark.
        _tools = [.. result.GeneratedTrees.SelectMany(static t => System.Text.RegularExpressions.Regex.Matches(t.ToString(), "new global::ToolGen.ToolDescriptor\\(\"(?<name>[^\"]+)\", \"(?<description>(?:[^\"\\\\]|\\\\.)*)\"")
            .Select(static m => (m.Groups["name"].Value, m.Groups["description"].Value)))];
        int tools = result.GeneratedTrees.Sum(t => t.ToString().Split("new global::ToolGen.ToolDescriptor(").Length - 1);
        if (result.Diagnostics.Length > 0 || tools != Classes * ToolsPerClass || _tools.Length != tools)
            throw new InvalidOperationException($"Expected {Classes * ToolsPerClass} tools without diagnostics, got {tools}: {string.Join("; ", result.Diagnostics)}");
        SetUpReview();
    }

    [Benchmark(Baseline = true, Description = "Full run, 500 tools")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "Incremental: edit inside a method body")]
    public GeneratorDriver BodyEdit() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_editedTree, _bodyEditTree));

    [Benchmark(Description = "Incremental: edit one tool's description")]
    public GeneratorDriver DescriptionEdit() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_editedTree, _descriptionEditTree));

    /// <summary>
    /// What any analyzer costs on this project before it does anything: the analyzer driver binds the whole compilation
    /// to produce its events (work a build does anyway). The analyzers' own cost is their time minus this.
    /// </summary>
    [Benchmark(Description = "Analyzer driver alone (an analyzer that does nothing)")]
    public int AnalyzerDriver() =>
        _compilation.Clone().WithAnalyzers([new IdleAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    // Handed to the driver directly, never loaded by a compiler: the rules for shipped analyzers do not apply.
#pragma warning disable RS1001, RS1036, RS1041, RS2008
    private sealed class IdleAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_never = new("IDLE", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [s_never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                start.RegisterSymbolAction(static _ => { }, SymbolKind.Method);
                start.RegisterCompilationEndAction(static _ => { });
            });
        }
    }
#pragma warning restore RS1001, RS1036, RS1041, RS2008

    /// <summary>The analyzer over the whole project, every rule (a command-line build, or the IDE's full analysis).</summary>
    [Benchmark(Description = "Analyzer, every rule, 500 tools")]
    public int Analyzer() =>
        _compilation.Clone().WithAnalyzers([new ToolAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    /// <summary>TG0022's part of it: every pair of the 500 tools compared (124,750 pairs), words included.</summary>
    [Benchmark(Description = "TG0022 alone: 124,750 pairs")]
    public int ConfusablePairs()
    {
        var words = new ToolOverlap.Words[_tools.Length];
        for (int i = 0; i < _tools.Length; i++) words[i] = ToolOverlap.Of(_tools[i].Name, _tools[i].Description);
        int reported = 0;
        for (int i = 0; i < words.Length; i++)
        {
            for (int j = i + 1; j < words.Length; j++)
            {
                if (ToolOverlap.Confusable(words[i], words[j]) is not null) reported++;
            }
        }
        return reported;
    }

    private (string Name, string Description)[] _tools = null!;

    /// <summary>
    /// ToolGen.Review on the same project with the manifest on and up to date (the usual build): every tool parsed,
    /// its schemas built, its definition counted in o200k_base tokens and compared with its manifest entry.
    /// </summary>
    [Benchmark(Description = "Review: manifest and budgets, 500 tools")]
    public int Review() =>
        _compilation.Clone().WithAnalyzers([new ReviewAnalyzer()], _reviewOptions).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    /// <summary>What the first review in a process pays once: reading the 200,000-token vocabulary.</summary>
    [Benchmark(Description = "Review: o200k vocabulary load (once per process)")]
    public object VocabularyLoad() => O200kTokenizer.Load();

    private AnalyzerOptions _reviewOptions = null!;

    // The manifest the review compares with, written by the review itself (its TG0025 carries the whole file).
    private void SetUpReview()
    {
        var settings = new ReviewSettings();
        Diagnostic missing = _compilation.WithAnalyzers([new ReviewAnalyzer()], new AnalyzerOptions([], settings)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Single(d => d.Id == "TG0025");
        var manifest = new ManifestText(missing.Properties["ToolGen.Manifest"]!);
        _reviewOptions = new AnalyzerOptions([manifest], settings);
        ImmutableArray<Diagnostic> remaining = _compilation.WithAnalyzers([new ReviewAnalyzer()], _reviewOptions).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (remaining.Length > 0) throw new InvalidOperationException("The review should be clean against its own manifest: " + string.Join("; ", remaining));
    }

    private sealed class ManifestText(string text) : AdditionalText
    {
        public override string Path => "/bench/ToolGen.tools.txt";

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private sealed class ReviewSettings : AnalyzerConfigOptionsProvider
    {
        private static readonly Settings s_global = new(new Dictionary<string, string>
        {
            ["build_property.ToolGenManifest"] = "true",
            ["build_property.ToolGenManifestFile"] = "/bench/ToolGen.tools.txt",
            ["build_property.ToolGenTokenBudget"] = "0",
        });

        private static readonly Settings s_none = new([]);

        public override AnalyzerConfigOptions GlobalOptions => s_global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_none;

        private sealed class Settings(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            #pragma warning disable CS8765 // [NotNullWhen] is ambiguous here: PolySharp gives the generator assembly its own copy.
            public override bool TryGetValue(string key, out string? value) => values.TryGetValue(key, out value);
#pragma warning restore CS8765
        }
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ToolGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse));

    private static ImmutableArray<MetadataReference> References()
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform
                .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(ToolAttribute).Assembly.Location),
        ];
    }

    /// <summary>One class of ten tools, each documented, mixing strings, an enum, ints with defaults and a record.</summary>
    public static string Source(int index)
    {
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using ToolGen;

            namespace FiveHundred.Area{{index}};

            /// <summary>How results are sorted.</summary>
            public enum SortOrder { Newest, Oldest, Relevance }

            /// <summary>A search filter.</summary>
            /// <param name="Tags">Tags every result must carry.</param>
            /// <param name="Limit">At most this many results.</param>
            public sealed record Filter(List<string> Tags, int Limit = 10);

            /// <summary>A record found by a search.</summary>
            /// <param name="Id">The record's id.</param>
            /// <param name="Title">Its title.</param>
            public sealed record Hit(string Id, string Title);

            /// <summary>Tools of area {{index}}.</summary>
            public sealed partial class Area{{index}}Tools
            {

            """);
        for (int t = 0; t < ToolsPerClass; t++)
        {
            source.Append(CultureInfo.InvariantCulture, $$"""
                    /// <summary>Looks up record {{t}} of area {{index}} by its key and returns its title.</summary>
                    /// <param name="key">The record key, for example "r-17".</param>
                    /// <param name="order">How to sort matches.</param>
                    /// <param name="page">Which page of matches, from 1.</param>
                    /// <param name="filter">Tags and a limit narrowing the search.</param>
                    /// <param name="cancellationToken">Cancels the lookup.</param>
                    [Tool(ReadOnly = true)]
                    public Task<List<Hit>> Lookup{{t}}Async(string key, SortOrder order = SortOrder.Newest, int page = 1, Filter? filter = null, CancellationToken cancellationToken = default) =>
                        Task.FromResult(new List<Hit> { new(key, $"{{index}}-{{t}}-{page}") });


                """);
        }
        source.Append("}\n");
        return source.ToString();
    }
}
