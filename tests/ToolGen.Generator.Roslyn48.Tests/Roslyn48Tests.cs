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
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Roslyn48.Tests;

/// <summary>
/// The generator and the analyzer on Roslyn 4.8, the compiler of .NET SDK 8.0.1xx and the oldest ToolGen supports.
/// These tests check behaviour (diagnostics, hint names, a clean compile), not generated text, which the main
/// generator tests snapshot.
/// </summary>
public sealed class Roslyn48Tests
{
    private static readonly Version s_roslyn48 = new(4, 8, 0, 0);

    private const string TravelTools = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using ToolGen;

        namespace MyApp.Travel;

        /// <summary>How the traveller moves between stops.</summary>
        public enum TravelMode
        {
            /// <summary>By road, in a car.</summary>
            Driving,
            /// <summary>By train or coach.</summary>
            Transit,
            /// <summary>On foot.</summary>
            Walking,
        }

        /// <summary>One stop on a planned route.</summary>
        /// <param name="City">City name, for example "Lyon".</param>
        /// <param name="Nights">Nights spent there, from 0 to 30.</param>
        public sealed record Stop(string City, int Nights = 1);

        /// <summary>A planned route.</summary>
        /// <param name="Stops">The stops, in travel order.</param>
        /// <param name="TotalKilometres">The distance covered, in kilometres.</param>
        public sealed record Route(IReadOnlyList<Stop> Stops, double TotalKilometres);

        /// <summary>Travel planning tools.</summary>
        public static partial class TravelTools
        {
            /// <summary>Plans a route from an origin through the given stops and returns it with its total distance.</summary>
            /// <param name="origin">Where the trip starts, for example "Paris".</param>
            /// <param name="stops">Stops to visit, in order; each names a city and the nights spent there.</param>
            /// <param name="mode">How the traveller moves between stops.</param>
            /// <param name="maxKilometresPerDay">The longest distance to cover in one day, in kilometres.</param>
            /// <param name="cancellationToken">Cancels the planning.</param>
            [Tool(ReadOnly = true)]
            public static Task<Route> PlanRouteAsync(string origin, List<Stop> stops, TravelMode mode = TravelMode.Driving,
                int maxKilometresPerDay = 500, CancellationToken cancellationToken = default)
                => Task.FromResult(new Route(stops, origin.Length * 10.0 + maxKilometresPerDay));

            /// <summary>Lists the cities reachable from a city within a number of hours of travel.</summary>
            /// <param name="city">The starting city, for example "Berlin".</param>
            /// <param name="hours">Travel time in hours, from 1 to 24.</param>
            /// <param name="exclude">Cities to leave out of the answer; null keeps them all.</param>
            [Tool(ReadOnly = true, Idempotent = true)]
            public static async Task<IReadOnlyList<string>> ListReachableCitiesAsync(string city, int hours = 3, IReadOnlyList<string>? exclude = null)
            {
                await Task.Yield();
                return new List<string> { city + hours };
            }
        }
        """;

    private const string NotPartial = """
        using ToolGen;

        namespace MyApp.Clock;

        /// <summary>Clock tools whose class is not partial.</summary>
        public static class ClockTools
        {
            /// <summary>Returns the current time in UTC as an ISO 8601 string, for example "2024-05-01T12:00:00Z".</summary>
            [Tool(ReadOnly = true)]
            public static string GetUtcTime() => "2024-05-01T12:00:00Z";
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform
                .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(ToolAttribute).Assembly.Location),
        ];
    });

    private static CSharpParseOptions ParseOptions(LanguageVersion version) => new(version, DocumentationMode.Parse);

    private static CSharpCompilation Compilation(string source, LanguageVersion version, NullableContextOptions nullable) =>
        CSharpCompilation.Create(
            "UserTools",
            [CSharpSyntaxTree.ParseText(source, ParseOptions(version), path: "Tools.cs")],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));

    private static string Problems(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    [Test]
    public void TheCompilerLoadedIsRoslyn48()
    {
        // Everything below runs on this compiler, so it is what the other tests prove the generator works with.
        Assert.That(typeof(CSharpCompilation).Assembly.GetName().Version, Is.EqualTo(s_roslyn48));
        Assert.That(typeof(Compilation).Assembly.GetName().Version, Is.EqualTo(s_roslyn48));
    }

    [Test]
    public void TheGeneratorAssemblyAsksForRoslyn48AtMost()
    {
        // A compiler older than the one the generator references skips it (CS8032) and the user silently gets no tools.
        System.Reflection.AssemblyName[] roslyn = [.. typeof(ToolGenerator).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")];
        Assert.That(roslyn.Select(a => a.Name), Does.Contain("Microsoft.CodeAnalysis"));
        Assert.That(roslyn.Where(a => a.Version > s_roslyn48).Select(a => a.FullName), Is.Empty);
    }

    [TestCase(LanguageVersion.CSharp11, NullableContextOptions.Enable)]
    [TestCase(LanguageVersion.CSharp11, NullableContextOptions.Disable)]
    [TestCase(LanguageVersion.CSharp12, NullableContextOptions.Enable)]
    [TestCase(LanguageVersion.CSharp12, NullableContextOptions.Disable)]
    public void TheGeneratorProducesToolsThatCompileCleanly(LanguageVersion version, NullableContextOptions nullable)
    {
        // Outside a nullable context, a '?' on a reference type is itself a warning (CS8632).
        string source = nullable == NullableContextOptions.Disable ? TravelTools.Replace("<string>?", "<string>") : TravelTools;
        CSharpCompilation compilation = Compilation(source, version, nullable);
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the test source itself must compile cleanly");

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ToolGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions(version));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);

        // An exception in the generator becomes CS8785 here.
        Assert.That(diagnostics, Is.Empty, () => Problems(diagnostics));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.GeneratedSources.Select(s => s.HintName), Is.EqualTo(new[] { "MyApp.Travel.TravelTools.ToolGen.g.cs" }));

        Diagnostic[] problems = [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.That(problems, Is.Empty, () => "the generated code must compile without warnings:\n" + Problems(problems)
            + "\n\n" + string.Join("\n\n", result.GeneratedSources.Select(s => s.SourceText.ToString())));
        // The generated part gives the class its Tools member.
        Assert.That(output.GetTypeByMetadataName("MyApp.Travel.TravelTools")?.GetMembers("Tools"), Is.Not.Empty);
        using var assembly = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(assembly);
        Assert.That(emitted.Success, Is.True, () => Problems(emitted.Diagnostics));
    }

    [Test]
    public async Task TheAnalyzerFindsNothingWrongWithWellDocumentedTools()
    {
        (ImmutableArray<Diagnostic> diagnostics, Exception[] exceptions) = await Analyze(TravelTools);
        Assert.That(exceptions, Is.Empty);
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, () => Problems(diagnostics));
    }

    [Test]
    public async Task TheAnalyzerReportsANonPartialType()
    {
        (ImmutableArray<Diagnostic> diagnostics, Exception[] exceptions) = await Analyze(NotPartial);
        Assert.That(exceptions, Is.Empty);
        Diagnostic[] notPartial = [.. diagnostics.Where(d => d.Id == "TG0001")];
        Assert.That(notPartial, Has.Length.EqualTo(1), () => Problems(diagnostics));
        Assert.That(notPartial[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(notPartial[0].Location.SourceTree?.FilePath, Is.EqualTo("Tools.cs"));
        Assert.That(notPartial[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain("ClockTools"));
    }

    [Test]
    public void TheGeneratorSkipsANonPartialTypeWithoutFailing()
    {
        CSharpCompilation compilation = Compilation(NotPartial, LanguageVersion.CSharp11, NullableContextOptions.Enable);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ToolGenerator().AsSourceGenerator()], parseOptions: ParseOptions(LanguageVersion.CSharp11))
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.That(diagnostics.Where(d => d.Id == "CS8785"), Is.Empty, () => Problems(diagnostics));
        Assert.That(driver.GetRunResult().Results.Single().Exception, Is.Null);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, () => Problems(output.GetDiagnostics()));
    }

    private const string LimitTools = """
        using ToolGen;

        namespace MyApp.Clock;

        /// <summary>Clock tools with per-tool timeouts and retry budgets.</summary>
        public static partial class ClockTools
        {
            /// <summary>Returns the current time in UTC as an ISO 8601 string, for example "2024-05-01T12:00:00Z".</summary>
            [Tool(ReadOnly = true, TimeoutSeconds = 0.5, MaxRetries = 1)]
            public static string GetUtcTime() => "2024-05-01T12:00:00Z";

            /// <summary>Returns the current time in Tokyo as an ISO 8601 string, for example "2024-05-01T21:00:00+09:00".</summary>
            [Tool(ReadOnly = true, TimeoutSeconds = -1, MaxRetries = 101)]
            public static string GetTokyoTime() => "2024-05-01T21:00:00+09:00";
        }
        """;

    [Test]
    public async Task TimeoutsAndRetryBudgetsAreEmittedAndCheckedOnRoslyn48()
    {
        CSharpCompilation compilation = Compilation(LimitTools, LanguageVersion.CSharp11, NullableContextOptions.Enable);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ToolGenerator().AsSourceGenerator()], parseOptions: ParseOptions(LanguageVersion.CSharp11))
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.That(diagnostics, Is.Empty, () => Problems(diagnostics));
        string generated = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.That(generated, Does.Contain("Timeout = global::System.TimeSpan.FromMilliseconds(500),"));
        Assert.That(generated, Does.Contain("MaxRetries = 1,"));
        Assert.That(generated, Does.Not.Contain("get_tokyo_time"), "the tool with out-of-range values is skipped");
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, () => Problems(output.GetDiagnostics()));

        (ImmutableArray<Diagnostic> reported, Exception[] exceptions) = await Analyze(LimitTools);
        Assert.That(exceptions, Is.Empty);
        Diagnostic[] outOfRange = [.. reported.Where(d => d.Id == "TG0020").OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.That(outOfRange.Select(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)),
            Is.EqualTo(new[] { "-1", "101" }), () => Problems(reported));
        Assert.That(outOfRange.Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Error));
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, Exception[] Exceptions)> Analyze(string source)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analysis = Compilation(source, LanguageVersion.CSharp11, NullableContextOptions.Enable)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ToolAnalyzer()), options);
        ImmutableArray<Diagnostic> diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
        return (diagnostics, [.. exceptions]);
    }
}
