using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Tests;

/// <summary>Types the generator cannot model are compile-time errors (TG0009, TG0010) naming the type and the JSON path.</summary>
public sealed class AnalyzerTests
{
    private static async Task<Diagnostic[]> Analyze(string members)
    {
        string source = $$"""
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using ToolGen;

            /// <summary>A record with a callback.</summary>
            public sealed record Order(string Id, Action<int> OnShipped);

            /// <summary>A record with a callback nobody reads.</summary>
            public sealed record SafeOrder(string Id, [property: JsonIgnore] Action<int>? OnShipped = null);

            /// <summary>Something abstract.</summary>
            public abstract class Shape { /// <summary>Area.</summary>
            public double Area { get; set; } }

            /// <summary>Two constructors.</summary>
            public sealed class Ambiguous
            {
                /// <summary>One.</summary>
                public Ambiguous(int a) { A = a; }
                /// <summary>Two.</summary>
                public Ambiguous(string b) { A = b.Length; }
                /// <summary>A.</summary>
                public int A { get; }
            }

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
            {{members}}
            }
            """;
        CSharpCompilationHelper.AssertCompiles(source);
        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.Compilation(source)
            .WithAnalyzers([new ToolAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        // This class is about types and by-ref parameters; description rules have their own tests.
        return [.. diagnostics.Where(d => d.Id is "TG0009" or "TG0010")];
    }

    [TestCase("object value", "object at $.value: object has no schema; use a specific type, or JsonElement for free-form JSON")]
    [TestCase("Order order", "Action<int> at $.order.onShipped: delegates cannot be sent as JSON")]
    [TestCase("List<Order> orders", "Action<int> at $.orders[].onShipped: delegates cannot be sent as JSON")]
    [TestCase("IComparable thing", "IComparable at $.thing: an interface has no concrete shape; use a class, record or struct")]
    [TestCase("Shape shape", "Shape at $.shape: an abstract class cannot be created; use a concrete type")]
    [TestCase("int[,] grid", "int[,] at $.grid: multi-dimensional arrays have no JSON form; use a jagged array (T[][])")]
    [TestCase("Dictionary<int, string> names", "Dictionary<int, string> at $.names: dictionary keys must be strings (JSON property names)")]
    [TestCase("Version version", "Version at $.version: ToolGen has no JSON form for this framework type")]
    [TestCase("Ambiguous value", "Ambiguous at $.value: it has several constructors; mark the one to use with [JsonConstructor]")]
    [TestCase("Func<int> callback", "Func<int> at $.callback: delegates cannot be sent as JSON")]
    public async Task UnsupportedParameterTypesAreErrorsNamingTheTypeAndPath(string parameter, string problem)
    {
        Diagnostic[] diagnostics = await Analyze($$"""
                /// <summary>A tool with a bad parameter.</summary>
                [Tool]
                public static int Bad({{parameter}}) => 0;
            """);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0009" }));
        Assert.That(diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("Tool 'bad' cannot use " + problem));
        Assert.That(diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
        string name = parameter.Split(' ')[^1];
        Assert.That(diagnostics[0].Location.SourceTree!.ToString().Substring(diagnostics[0].Location.SourceSpan.Start, name.Length), Is.EqualTo(name));
    }

    [Test]
    public async Task AnUnsupportedReturnTypeIsReportedAtTheReturnType()
    {
        Diagnostic[] diagnostics = await Analyze("""
                /// <summary>Returns an order.</summary>
                [Tool]
                public static Task<Order> GetOrder(string id) => Task.FromResult(new Order(id, _ => { }));
            """);
        Assert.That(diagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo("Tool 'get_order' cannot use Action<int> at result.onShipped: delegates cannot be sent as JSON"));
        Assert.That(diagnostics.Single().Location.SourceTree!.ToString().Substring(diagnostics.Single().Location.SourceSpan.Start, 11), Is.EqualTo("Task<Order>"));
    }

    [TestCase("ref int count", "ref", "count")]
    [TestCase("out int count", "out", "count")]
    [TestCase("in int count", "in", "count")]
    [TestCase("params int[] counts", "params", "counts")]
    public async Task ByRefAndParamsParametersAreErrors(string parameter, string kind, string name)
    {
        Diagnostic[] diagnostics = await Analyze($$"""
                /// <summary>A tool with a by-ref parameter.</summary>
                [Tool]
                public static void Bad({{parameter}}) { {{(kind == "out" ? "count = 0;" : "")}} }
            """);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0010" }));
        Assert.That(diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.StartWith($"Tool 'bad' cannot take the {kind} parameter '{name}'"));
    }

    [Test]
    public async Task EveryProblemOfAToolIsReported()
    {
        Diagnostic[] diagnostics = await Analyze("""
                /// <summary>Many problems.</summary>
                [Tool]
                public static object Bad(object a, ref int b, Order c) => a;
            """);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0009", "TG0010", "TG0009", "TG0009" }));
    }

    [Test]
    public async Task SupportedTypesAndIgnoredMembersReportNothing()
    {
        Diagnostic[] diagnostics = await Analyze("""
                /// <summary>Fine.</summary>
                [Tool]
                public static SafeOrder Fine(SafeOrder order, Dictionary<string, List<int?>> map, System.Text.Json.JsonElement any, DateTimeOffset when) => order;

                /// <summary>Not a tool: no attribute, so not analyzed.</summary>
                public static object NotATool(object x) => x;
            """);
        Assert.That(diagnostics, Is.Empty);
    }
}

internal static class CSharpCompilationHelper
{
    public static void AssertCompiles(string source)
    {
        Diagnostic[] errors = [.. GeneratorHarness.Compilation(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.That(errors, Is.Empty, "the test source must compile");
    }
}
