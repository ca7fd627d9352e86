using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

// The ToolGenStartup process written the way Microsoft.Extensions.AI documents for NativeAOT: AIFunctionFactory over
// the method, with a source-generated JsonSerializerContext for the parameter and return types.
long started = Stopwatch.GetTimestamp();
var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
{
    TypeInfoResolver = JsonTypeInfoResolver.Combine(StartupJson.Default, AIJsonUtilities.DefaultOptions.TypeInfoResolver),
};
var weather = new WeatherService();
AIFunction function = AIFunctionFactory.Create(weather.GetWeather, new AIFunctionFactoryOptions { Name = "get_weather", SerializerOptions = options });
var arguments = (IDictionary<string, object?>?)JsonSerializer.Deserialize("""{"city":"Paris","unit":"Fahrenheit"}""", options.GetTypeInfo(typeof(IDictionary<string, object?>)));
object? value = await function.InvokeAsync(new AIFunctionArguments(arguments));
string content = JsonSerializer.Serialize(value, options.GetTypeInfo(typeof(object)));
TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"schema {function.JsonSchema.GetRawText().Length} bytes; {content}");
Console.WriteLine($"main-to-result-us {elapsed.TotalMicroseconds:F0}");
return 0;

/// <summary>Temperature scale.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TemperatureUnit>))]
public enum TemperatureUnit
{
    /// <summary>Degrees Celsius.</summary>
    Celsius,
    /// <summary>Degrees Fahrenheit.</summary>
    Fahrenheit,
}

/// <summary>A forecast.</summary>
public sealed record Forecast(string City, double Temperature, TemperatureUnit Unit, int Days);

/// <summary>The weather tool, as in ToolGenStartup.</summary>
public sealed class WeatherService
{
    [Description("Gets the weather forecast for a city over the next days.")]
    public Forecast GetWeather(
        [Description("City name, for example \"Paris\".")] string city,
        [Description("Temperature unit of the reply.")] TemperatureUnit unit = TemperatureUnit.Celsius,
        [Description("How many days to forecast, 1 to 7.")] int days = 1) =>
        new(city, unit == TemperatureUnit.Celsius ? 21.5 : 70.7, unit, days);
}

[JsonSerializable(typeof(Forecast))]
[JsonSerializable(typeof(TemperatureUnit))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class StartupJson : JsonSerializerContext;
