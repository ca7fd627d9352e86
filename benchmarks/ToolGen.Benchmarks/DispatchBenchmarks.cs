using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using ToolGen.Benchmarks.Tools;

namespace ToolGen.Benchmarks;

/// <summary>
/// One tool call, arguments text → typed call → result text, for a string + enum + int-with-default tool. Every path
/// calls the same method; <see cref="GlobalSetup"/> checks that they all return the same JSON.
/// </summary>
public class WeatherDispatchBenchmarks
{
    private const string Arguments = """{"city":"Paris","unit":"Fahrenheit"}""";

    private readonly WeatherTools _target = new();
    private ToolSet _tools = null!;
    private AIFunction _aiFunction = null!;
    private Kernel _kernel = null!;
    private KernelFunction _kernelFunction = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _tools = _target.Tools;
        _aiFunction = Peers.CreateAIFunction(_target, nameof(WeatherTools.GetWeather));
        _kernel = new Kernel();
        _kernelFunction = Peers.CreateKernelFunction(_target, nameof(WeatherTools.GetWeather));
        SameResults.CheckJson(nameof(WeatherDispatchBenchmarks), ("hand-written", HandWrittenCall), ("ToolGen", () => ToolGenCall().AsTask().Result),
            ("M.E.AI", () => ExtensionsAICall().AsTask().Result), ("Semantic Kernel", () => SemanticKernelCall().AsTask().Result));
    }

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonReader/Writer")]
    public string HandWrittenCall() => HandWritten.GetWeather(_target, Arguments);

    [Benchmark(Description = "ToolGen ToolSet.InvokeAsync")]
    public async ValueTask<string> ToolGenCall() => (await _tools.InvokeAsync("get_weather", Arguments)).Content;

    [Benchmark(Description = "M.E.AI AIFunction.InvokeAsync")]
    public ValueTask<string> ExtensionsAICall() => Peers.InvokeAsync(_aiFunction, Arguments);

    [Benchmark(Description = "Semantic Kernel KernelFunction.InvokeAsync")]
    public ValueTask<string> SemanticKernelCall() => Peers.InvokeAsync(_kernel, _kernelFunction, Arguments);
}

/// <summary>The same comparison for a tool taking a nested record with a list.</summary>
public class OrderDispatchBenchmarks
{
    private const string Arguments = """
        {"order":{"customerId":"c-42","shipTo":{"street":"1 Rue de Rivoli","city":"Paris","country":"FR"},
        "lines":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-7","quantity":1},{"sku":"SKU-9","quantity":3}]}}
        """;

    // Semantic Kernel describes the record with .NET member names and reads it case-sensitively, so a model following
    // its schema sends these.
    private const string KernelArguments = """
        {"order":{"CustomerId":"c-42","ShipTo":{"Street":"1 Rue de Rivoli","City":"Paris","Country":"FR"},
        "Lines":[{"Sku":"SKU-1","Quantity":2},{"Sku":"SKU-7","Quantity":1},{"Sku":"SKU-9","Quantity":3}]}}
        """;

    private readonly OrderTools _target = new();
    private ToolSet _tools = null!;
    private AIFunction _aiFunction = null!;
    private Kernel _kernel = null!;
    private KernelFunction _kernelFunction = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _tools = _target.Tools;
        _aiFunction = Peers.CreateAIFunction(_target, nameof(OrderTools.PlaceOrder));
        _kernel = new Kernel();
        _kernelFunction = Peers.CreateKernelFunction(_target, nameof(OrderTools.PlaceOrder));
        SameResults.CheckJson(nameof(OrderDispatchBenchmarks), ("hand-written", HandWrittenCall), ("ToolGen", () => ToolGenCall().AsTask().Result),
            ("M.E.AI", () => ExtensionsAICall().AsTask().Result), ("Semantic Kernel", () => SemanticKernelCall().AsTask().Result));
    }

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonReader/Writer")]
    public string HandWrittenCall() => HandWritten.PlaceOrder(_target, Arguments);

    [Benchmark(Description = "ToolGen ToolSet.InvokeAsync")]
    public async ValueTask<string> ToolGenCall() => (await _tools.InvokeAsync("place_order", Arguments)).Content;

    [Benchmark(Description = "M.E.AI AIFunction.InvokeAsync")]
    public ValueTask<string> ExtensionsAICall() => Peers.InvokeAsync(_aiFunction, Arguments);

    [Benchmark(Description = "Semantic Kernel KernelFunction.InvokeAsync")]
    public ValueTask<string> SemanticKernelCall() => Peers.InvokeAsync(_kernel, _kernelFunction, KernelArguments);
}

/// <summary>Refuses to benchmark paths that fail or do not produce the same result.</summary>
public static class SameResults
{
    /// <summary>The paths must return the same JSON value (M.E.AI's default options indent; Semantic Kernel's keep .NET member casing).</summary>
    public static void CheckJson(string suite, params (string Name, Func<string> Run)[] paths) =>
        Check(suite, json => (System.Text.Json.Nodes.JsonNode.Parse(json)?.ToJsonString() ?? "null").ToLowerInvariant(), paths);

    /// <summary>The paths must return the same text.</summary>
    public static void CheckText(string suite, params (string Name, Func<string> Run)[] paths) => Check(suite, text => text, paths);

    private static void Check(string suite, Func<string, string> normalize, (string Name, Func<string> Run)[] paths)
    {
        string? expected = null;
        var seen = new System.Text.StringBuilder();
        foreach ((string name, Func<string> run) in paths)
        {
            string result;
            try
            {
                result = run();
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"{suite}: the {name} path failed: {exception}");
            }
            seen.Append(name).Append(": ").Append(result).Append('\n');
            expected ??= normalize(result);
            if (normalize(result) != expected) throw new InvalidOperationException($"{suite}: the paths disagree:\n{seen}");
        }
    }
}
