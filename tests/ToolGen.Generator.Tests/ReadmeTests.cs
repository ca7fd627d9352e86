using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Tests;

/// <summary>The README's complete example compiles, with the generator, without a warning.</summary>
public sealed class ReadmeTests
{
    [Test]
    public void TheShortExampleCompiles()
    {
        string project = typeof(ReadmeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ToolGenTestProjectDirectory").Value!;
        string readme = File.ReadAllText(Path.Combine(project, "..", "..", "README.md"));
        int start = readme.IndexOf("A complete `Program.cs`:", System.StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "the README names its complete example");
        int code = readme.IndexOf("```csharp\n", start, System.StringComparison.Ordinal) + "```csharp\n".Length;
        string source = readme[code..readme.IndexOf("```", code, System.StringComparison.Ordinal)];

        var compilation = GeneratorHarness.Compilation([source], outputKind: OutputKind.ConsoleApplication);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.That(diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
        Assert.That(output.SyntaxTrees.Count(), Is.EqualTo(2), "the generator added the WeatherTools file");
    }
}
