using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using System.Linq;

namespace ToolGen.Generator.Tests;

/// <summary>
/// Methods the generator cannot turn into tools are skipped without breaking the build or the other tools
/// (the analyzer reports them; see docs/diagnostics).
/// </summary>
public sealed class SkippedMethodTests
{
    private const string Valid = """
            /// <summary>A valid tool.</summary>
            [Tool]
            public static int Fine(int x) => x;
        """;

    [TestCase("public static int Generic<T>(T x) => 0;")]
    [TestCase("public static int ByRef(ref int x) => x;")]
    [TestCase("public static int Out(out int x) { x = 1; return x; }")]
    [TestCase("public static int Params(params int[] x) => 0;")]
    [TestCase("public static int Unsupported(object x) => 0;")]
    [TestCase("public static int UnsupportedList(System.Collections.Generic.List<object> x) => 0;")]
    [TestCase("public static object UnsupportedReturn() => 0;")]
    [TestCase("public static int Multi(int[,] x) => 0;")]
    [TestCase("public static async void Fire() { await System.Threading.Tasks.Task.Yield(); }")]
    public void InvalidMethodsAreSkipped(string method)
    {
        string source = $$"""
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
            {{Valid}}
                /// <summary>Not a tool the generator can produce.</summary>
                [Tool(Name = "bad_tool")]
                {{method}}
            }
            """;
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        Assert.That(generated, Does.Contain("\"fine\""));
        Assert.That(generated, Does.Not.Contain("bad_tool"));
    }

    [TestCase("[Tool(Name = \"has space\")]")]
    [TestCase("[Tool(Name = \"\")]")]
    public void InvalidNamesAreSkipped(string attribute)
    {
        string source = $$"""
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
            {{Valid}}
                /// <summary>Bad name.</summary>
                {{attribute}}
                public static int Named() => 1;
            }
            """;
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        Assert.That(generated, Does.Not.Contain("Named()"));
    }

    [TestCase("public static class MyTools", "")]
    [TestCase("public class Outer { public static partial class MyTools", "}")]
    [TestCase("public static partial class MyTools<T>", "")]
    [TestCase("public partial interface MyTools", "")]
    public void ContainersThatCannotBeExtendedAreSkipped(string header, string footer)
    {
        string source = $$"""
            using ToolGen;

            /// <summary>Tools.</summary>
            {{header}}
            {
            {{Valid}}
            }
            {{footer}}
            """;
        Assert.That(GeneratorHarness.Run(source).Sources, Is.Empty);
    }

    [Test]
    public void InstanceToolsInAStructAreSkipped()
    {
        const string source = """
            using ToolGen;

            /// <summary>Tools.</summary>
            public partial struct MyTools
            {
                /// <summary>Needs an instance.</summary>
                [Tool]
                public int Instance() => 1;
            }
            """;
        Assert.That(GeneratorHarness.Run(source).Sources, Is.Empty);
    }

    [Test]
    public void TheGeneratorNeverThrowsOnBrokenCode()
    {
        const string source = """
            using ToolGen;
            public static partial class MyTools
            {
                /// <summary>Broken <see cref="Nope"/> <para>unclosed</summary>
                [Tool]
                public static Missing Broken(UnknownType x, int y = "text") => default;
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.That(diagnostics.Where(d => d.Id == "CS8785"), Is.Empty);
    }

    [Test]
    public void AToolMarkedStrictThatStrictModeCannotExpressIsSkipped()
    {
        const string source = """
            using System.Collections.Generic;
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
                /// <summary>Counts fruit by kind and returns the total number of pieces.</summary>
                /// <param name="counts">Pieces by fruit name.</param>
                [Tool(Strict = true)]
                public static int CountFruit(Dictionary<string, int> counts) => 0;

                /// <summary>Counts pieces of one fruit.</summary>
                /// <param name="count">Pieces.</param>
                [Tool(Strict = true)]
                public static int CountOne(int count) => count;
            }
            """;
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        Assert.That(generated, Does.Not.Contain("count_fruit"));
        Assert.That(generated, Does.Contain("\"count_one\"").And.Contain("Strict = true,"));
    }

    [Test]
    public void ADerivedToolClassHidesTheInheritedToolsMember()
    {
        const string source = """
            using ToolGen;

            /// <summary>Base tools.</summary>
            public partial class BaseTools
            {
                /// <summary>Says hello.</summary>
                [Tool]
                public string Hello() => "hello";
            }

            /// <summary>More tools.</summary>
            public sealed partial class MoreTools : BaseTools
            {
                /// <summary>Says bye.</summary>
                [Tool]
                public string Bye() => "bye";
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.That(run.Sources["MoreTools.ToolGen.g.cs"], Does.Contain("public new global::ToolGen.ToolSet Tools"));
    }

    [Test]
    public void ADerivedToolClassHidesTheInheritedToolsFromServicesOnlyWhenThereIsOne()
    {
        const string source = """
            using ToolGen;

            /// <summary>Base tools, created from services.</summary>
            public partial class BaseTools
            {
                /// <summary>Says hello.</summary>
                [Tool]
                public string Hello() => "hello";
            }

            /// <summary>More tools.</summary>
            public sealed partial class MoreTools : BaseTools
            {
                /// <summary>Says bye.</summary>
                [Tool]
                public string Bye() => "bye";
            }

            /// <summary>A base with a hand-written Tools and no generated members.</summary>
            public class HandWritten
            {
                /// <summary>None.</summary>
                public ToolSet Tools => ToolSet.Empty;
            }

            /// <summary>Tools on a hand-written base.</summary>
            public sealed partial class OnHandWritten : HandWritten
            {
                /// <summary>Says hi.</summary>
                [Tool]
                public string Hi() => "hi";
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.That(run.Sources["MoreTools.ToolGen.g.cs"], Does.Contain("public new static global::ToolGen.ToolSet ToolsFromServices"));
        Assert.That(run.Sources["OnHandWritten.ToolGen.g.cs"], Does.Contain("public new global::ToolGen.ToolSet Tools").And.Contain("public static global::ToolGen.ToolSet ToolsFromServices"));
    }
}
