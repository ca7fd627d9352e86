extern alias review;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReviewAnalyzer = review::ToolGen.Review.ReviewAnalyzer;

namespace ToolGen.Generator.Roslyn48.Tests;

/// <summary>
/// ToolGen.Review on Roslyn 4.8 (Roslyn48Tests asserts that it is the compiler loaded): it loads, reads the MSBuild settings, counts tokens (its vocabulary included) and
/// compares with a manifest, without an analyzer exception.
/// </summary>
public sealed class ReviewOnRoslyn48Tests
{
    private const string Tools = """
        using ToolGen;

        public static partial class WeatherTools
        {
            /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
            /// <param name="city">City name, for example "Paris".</param>
            [Tool(ReadOnly = true)]
            public static string GetWeather(string city) => city;

            /// <summary>Gets the forecast for the next days in a city, one line per day.</summary>
            /// <param name="city">City name, for example "Paris".</param>
            /// <param name="days">How many days, 1 to 7.</param>
            [Tool(ReadOnly = true)]
            public static string GetForecast(string city, int days = 3) => city;
        }
        """;

    [Test]
    public async Task TheReviewRunsOnRoslyn48()
    {
        // No manifest yet, and a budget every tool exceeds.
        (Diagnostic[] first, Exception[] exceptions) = await Review(new() { ["ToolGenManifest"] = "true", ["ToolGenToolTokenBudget"] = "10" }, manifest: null);
        Assert.That(exceptions, Is.Empty);
        Assert.That(first.Select(d => d.Id), Is.EquivalentTo(new[] { "TG0025", "TG0027", "TG0027" }));
        string manifest = first.Single(d => d.Id == "TG0025").Properties["ToolGen.Manifest"]!;
        Assert.That(manifest, Does.Contain("tool get_forecast\n").And.Contain("tool get_weather\n").And.Match(@"tokens: [1-9]\d+\n"));

        // With the manifest it wrote: clean.
        (Diagnostic[] second, exceptions) = await Review(new() { ["ToolGenManifest"] = "true" }, manifest);
        Assert.That(exceptions, Is.Empty);
        Assert.That(second, Is.Empty);
    }

    private static async Task<(Diagnostic[] Diagnostics, Exception[] Exceptions)> Review(Dictionary<string, string> properties, string? manifest)
    {
        properties["ToolGenManifestFile"] = "/src/ToolGen.tools.txt";
        var exceptions = new ConcurrentQueue<Exception>();
        ImmutableArray<AdditionalText> files = manifest is null ? [] : [new Text("/src/ToolGen.tools.txt", manifest)];
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(files, new Settings(properties)),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        CSharpCompilation compilation = CSharpCompilation.Create("UserTools",
            [CSharpSyntaxTree.ParseText(Tools, new CSharpParseOptions(LanguageVersion.CSharp11, DocumentationMode.Parse), path: "Tools.cs")],
            [
                .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                    .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
                    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
                MetadataReference.CreateFromFile(typeof(ToolAttribute).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ReviewAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
        return ([.. diagnostics], [.. exceptions]);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Settings(Dictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
#pragma warning disable CS8765 // [NotNullWhen] comes from both the BCL and the generator's polyfills here.
            public override bool TryGetValue(string key, out string? value) => values.TryGetValue(key, out value);
#pragma warning restore CS8765
        }
    }
}
