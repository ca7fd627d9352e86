using System;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

// The official SDK's way: attributes, AIFunctionFactory at startup, and a source-generated context for the JSON.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddMcpServer()
    .WithHttpTransport(options => options.Stateless = true)
    .WithTools<SdkWeatherTools>(new JsonSerializerOptions { TypeInfoResolver = SdkJsonContext.Default });
var app = builder.Build();
app.MapMcp("/mcp");
app.Run();

/// <summary>Units a temperature can be reported in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TemperatureUnit>))]
public enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

/// <summary>The weather at one place and time.</summary>
public sealed record WeatherReport(string City, double Temperature, TemperatureUnit Unit, string Conditions, DateTimeOffset ObservedAt);

/// <summary>The QuickStart's weather tools, as the MCP SDK declares them.</summary>
[McpServerToolType]
public sealed class SdkWeatherTools
{
    [McpServerTool(Name = "get_weather", ReadOnly = true, Destructive = false, OpenWorld = false), Description("Gets the current weather for a city.")]
    public static WeatherReport GetWeather(
        [Description("City name, for example \"Paris\" or \"São Paulo\".")] string city,
        [Description("Temperature unit of the reply.")] TemperatureUnit unit = TemperatureUnit.Celsius)
    {
        double celsius = city.Length * 1.5;
        double temperature = unit == TemperatureUnit.Celsius ? celsius : Math.Round(celsius * 9 / 5 + 32, 1);
        return new WeatherReport(city, temperature, unit, city.Length % 2 == 0 ? "light rain" : "sunny", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    }

    [McpServerTool(Name = "list_cities", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false),
     Description("Lists the cities with a forecast, optionally only those whose name starts with prefix.")]
    public static async Task<string[]> ListCitiesAsync(
        [Description("Case-insensitive name prefix; omit it to list every city.")] string? prefix = null,
        [Description("The most cities to return, from 1 to 100.")] int limit = 10,
        CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        string[] cities = ["Paris", "Porto", "Prague", "São Paulo", "Seoul", "Sydney"];
        return cities.Where(c => prefix is null || c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(limit).ToArray();
    }
}

[JsonSerializable(typeof(WeatherReport))]
[JsonSerializable(typeof(TemperatureUnit))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class SdkJsonContext : JsonSerializerContext;
