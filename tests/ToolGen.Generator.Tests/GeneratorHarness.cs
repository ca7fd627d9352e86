using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolGen.Generator.Tests;

/// <summary>Compiles C# sources with ToolGenerator, the way a user's build would, and checks the output compiles cleanly.</summary>
public static class GeneratorHarness
{
    public static ImmutableArray<MetadataReference> References => s_references.Value;

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

    public static CSharpParseOptions ParseOptions(DocumentationMode mode = DocumentationMode.Parse, LanguageVersion version = LanguageVersion.Latest) =>
        new(version, mode);

    public static CSharpCompilation Compilation(string source, DocumentationMode mode = DocumentationMode.Parse, LanguageVersion version = LanguageVersion.Latest) =>
        Compilation([source], mode, version);

    public static CSharpCompilation Compilation(IEnumerable<string> sources, DocumentationMode mode = DocumentationMode.Parse, LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "UserTools",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions(mode, version), path: $"Tools{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: nullable));

    public static GeneratorDriver Driver(CSharpParseOptions? options = null) =>
        CSharpGeneratorDriver.Create(
            [new ToolGenerator().AsSourceGenerator()],
            parseOptions: options ?? ParseOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and fails on any generator diagnostic or any warning or error in the resulting compilation.</summary>
    public static GeneratorRun Run(string source, DocumentationMode mode = DocumentationMode.Parse, LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable) =>
        Run([source], mode, version, nullable);

    /// <summary>Runs the generator over several files; see <see cref="Run(string, DocumentationMode, LanguageVersion, NullableContextOptions)"/>.</summary>
    public static GeneratorRun Run(string[] sources, DocumentationMode mode = DocumentationMode.Parse, LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        CSharpCompilation compilation = Compilation(sources, mode, version, nullable);
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the test source itself must compile cleanly");
        GeneratorDriver driver = Driver(ParseOptions(mode, version)).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.That(diagnostics, Is.Empty, "the generator reported diagnostics (an exception becomes CS8785)");
        Diagnostic[] problems = [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.That(problems, Is.Empty, () => "the generated code must compile without warnings:\n" + string.Join("\n", problems.Select(p => p.ToString())) + "\n\n" + string.Join("\n\n", result.GeneratedTrees.Select(t => t.ToString())));
        return new GeneratorRun(driver, result, output);
    }
}

public sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output)
{
    /// <summary>The generated files, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The container specs the pipeline produced.</summary>
    public IReadOnlyList<object> Containers =>
        [.. Result.Results.Single().TrackedSteps[ToolGenStepNames.ToolContainers].SelectMany(s => s.Outputs).Select(o => o.Value)];
}
