using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using ToolGen.Benchmarks.Tools;

namespace ToolGen.Benchmarks;

/// <summary>
/// Defining the two benchmark tools (get_weather, place_order) for an object and getting their parameter schemas:
/// ToolGen builds a <see cref="ToolSet"/> over generated descriptors; <c>AIFunctionFactory.Create</c> reflects over the
/// methods. "Uncached" gives it fresh serializer options, as the first use in a process (or per-request options) does;
/// "cached" reuses the default options, so it finds the reflection work of the previous call.
/// </summary>
public class DefinitionBenchmarks
{
    private readonly WeatherTools _weather = new();
    private readonly OrderTools _orders = new();

    [Benchmark(Baseline = true, Description = "ToolGen: ToolSet + schemas")]
    public int ToolGenDefinition()
    {
        ToolSet tools = _weather.Tools + _orders.Tools;
        int bytes = 0;
        foreach (ToolDescriptor tool in tools) bytes += tool.ParametersSchema.Length;
        return bytes;
    }

    [Benchmark(Description = "AIFunctionFactory.Create + JsonSchema (cached options)")]
    public int ExtensionsAICached() => Define(AIJsonUtilities.DefaultOptions);

    [Benchmark(Description = "AIFunctionFactory.Create + JsonSchema (uncached)")]
    public int ExtensionsAIUncached() => Define(new JsonSerializerOptions(AIJsonUtilities.DefaultOptions));

    private int Define(JsonSerializerOptions options)
    {
        AIFunction weather = Peers.CreateAIFunction(_weather, nameof(WeatherTools.GetWeather), options);
        AIFunction order = Peers.CreateAIFunction(_orders, nameof(OrderTools.PlaceOrder), options);
        // The schema is built by Create; touching it (not serializing it) keeps the comparison in its favor.
        return (int)weather.JsonSchema.ValueKind + (int)order.JsonSchema.ValueKind;
    }
}
