using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ToolGen.Review.Tests;

/// <summary>The review describes what its own copy of the generator emits, so it says when ToolGen is another version.</summary>
public sealed class VersionTests
{
    private static readonly MetadataReference[] s_platform = ReviewProject.Platform;

    [Test]
    public async Task AToolGenOfAnotherVersionIsReported()
    {
        // A "ToolGen" assembly of version 9.9.9 with the attribute the parser looks for.
        CSharpCompilation toolGen = CSharpCompilation.Create("ToolGen",
            [CSharpSyntaxTree.ParseText("""
                [assembly: System.Reflection.AssemblyVersion("9.9.9.0")]
                namespace ToolGen
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class ToolAttribute : System.Attribute { }
                }
                """)],
            s_platform, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpCompilation user = CSharpCompilation.Create("User",
            [CSharpSyntaxTree.ParseText("""
                public static partial class Clock
                {
                    /// <summary>Gets the current time in UTC as an ISO 8601 string, for example "2026-11-29T10:00:00Z".</summary>
                    [ToolGen.Tool]
                    public static string Now() => "";
                }
                """, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse))],
            [.. s_platform, Image(toolGen)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        ImmutableArray<Diagnostic> diagnostics = await user.WithAnalyzers([new ReviewAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.That(diagnostics.Select(d => $"{d.Id} {d.GetMessage()}"), Is.EqualTo(new[]
        {
            "TG0029 ToolGen.Review 0.1.0 describes tools as ToolGen 0.1.0 generates them, but the project references ToolGen 9.9.9; use the same version of both packages",
        }));
    }

    private static MetadataReference Image(Compilation compilation)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.That(result.Success, Is.True, () => string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    [Test]
    public async Task TheSameVersionIsNotReported()
    {
        using var project = new ReviewProject(ReviewProject.ReadSource("Tools/ShopTools.cs"), manifest: null, new System.Collections.Generic.Dictionary<string, string> { ["ToolGenManifest"] = "false" });
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }
}
