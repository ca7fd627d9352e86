using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Serialization;
using ToolGen;

namespace ToolGen.Benchmarks.Tools;

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
/// <param name="City">The city.</param>
/// <param name="Temperature">Expected high.</param>
/// <param name="Unit">Scale of <paramref name="Temperature"/>.</param>
/// <param name="Days">Days covered.</param>
public sealed record Forecast(string City, double Temperature, TemperatureUnit Unit, int Days);

/// <summary>
/// The realistic small tool every dispatch path calls: a string, an enum and an int with a default. The same instance
/// method is wrapped by ToolGen (generated), <c>AIFunctionFactory</c> and Semantic Kernel (reflection), so they all
/// do the same work and differ only in how arguments and results cross JSON.
/// </summary>
public sealed partial class WeatherTools
{
    /// <summary>Gets the weather forecast for a city over the next days.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    /// <param name="unit">Temperature unit of the reply.</param>
    /// <param name="days">How many days to forecast, 1 to 7.</param>
    [Tool(ReadOnly = true)]
    [Description("Gets the weather forecast for a city over the next days.")]
    public Forecast GetWeather(
        [Description("City name, for example \"Paris\".")] string city,
        [Description("Temperature unit of the reply.")] TemperatureUnit unit = TemperatureUnit.Celsius,
        [Description("How many days to forecast, 1 to 7.")] int days = 1) =>
        new(city, unit == TemperatureUnit.Celsius ? 21.5 : 70.7, unit, days);
}
