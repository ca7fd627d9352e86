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
public class WeatherDispatchBenchmarks : DispatchSuite
{
    internal const string Arguments = """{"city":"Paris","unit":"Fahrenheit"}""";

    private readonly WeatherTools _target = new();

    [GlobalSetup]
    public void GlobalSetup()
    {
        Prepare(_target, _target.Tools, nameof(WeatherTools.GetWeather));
        SameResults.CheckJson(nameof(WeatherDispatchBenchmarks), ("hand-written", HandWrittenCall), ("ToolGen", ToolGenCall),
            ("M.E.AI", () => ExtensionsAICall().AsTask().Result), ("Semantic Kernel", () => SemanticKernelCall().AsTask().Result));
    }

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonReader/Writer")]
    public string HandWrittenCall() => HandWritten.GetWeather(_target, Arguments);

    [Benchmark(Description = "ToolGen ToolSet.InvokeAsync")]
    public string ToolGenCall() => Completed(Tools.InvokeAsync("get_weather", Arguments));

    [Benchmark(Description = "M.E.AI AIFunction.InvokeAsync")]
    public ValueTask<string> ExtensionsAICall() => Peers.InvokeAsync(AIFunction, Arguments);

    [Benchmark(Description = "Semantic Kernel KernelFunction.InvokeAsync")]
    public ValueTask<string> SemanticKernelCall() => Peers.InvokeAsync(Kernel, KernelFunction, Arguments);
}

/// <summary>The same comparison for a tool taking a nested record with a list.</summary>
public class OrderDispatchBenchmarks : DispatchSuite
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

    [GlobalSetup]
    public void GlobalSetup()
    {
        Prepare(_target, _target.Tools, nameof(OrderTools.PlaceOrder));
        SameResults.CheckJson(nameof(OrderDispatchBenchmarks), ("hand-written", HandWrittenCall), ("ToolGen", ToolGenCall),
            ("M.E.AI", () => ExtensionsAICall().AsTask().Result), ("Semantic Kernel", () => SemanticKernelCall().AsTask().Result));
    }

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonReader/Writer")]
    public string HandWrittenCall() => HandWritten.PlaceOrder(_target, Arguments);

    [Benchmark(Description = "ToolGen ToolSet.InvokeAsync")]
    public string ToolGenCall() => Completed(Tools.InvokeAsync("place_order", Arguments));

    [Benchmark(Description = "M.E.AI AIFunction.InvokeAsync")]
    public ValueTask<string> ExtensionsAICall() => Peers.InvokeAsync(AIFunction, Arguments);

    [Benchmark(Description = "Semantic Kernel KernelFunction.InvokeAsync")]
    public ValueTask<string> SemanticKernelCall() => Peers.InvokeAsync(Kernel, KernelFunction, KernelArguments);
}

/// <summary>What every dispatch suite sets up: the tool set and each peer's function over the same method.</summary>
public abstract class DispatchSuite
{
    protected ToolSet Tools { get; private set; } = null!;

    internal ToolSet ToolSet => Tools;

    protected AIFunction AIFunction { get; private set; } = null!;

    protected Kernel Kernel { get; private set; } = null!;

    protected KernelFunction KernelFunction { get; private set; } = null!;

    /// <summary>
    /// The result text of a call, taken the way a synchronous caller (or ToolRunner) takes a call that completed
    /// synchronously: without an async state machine, which the synchronous baseline does not pay for either.
    /// </summary>
    protected static string Completed(ValueTask<ToolResult> pending) =>
        (pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Content;

    protected void Prepare(object target, ToolSet tools, string methodName)
    {
        Tools = tools;
        AIFunction = Peers.CreateAIFunction(target, methodName);
        Kernel = new Kernel();
        KernelFunction = Peers.CreateKernelFunction(target, methodName);
    }
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
