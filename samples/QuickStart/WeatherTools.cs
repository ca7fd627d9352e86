using System;
using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ToolGen;

namespace QuickStart;

/// <summary>Units a temperature can be reported in.</summary>
public enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

/// <summary>The weather at one place and time.</summary>
/// <param name="City">The city the report is for.</param>
/// <param name="Temperature">The temperature, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of the temperature.</param>
/// <param name="Conditions">Sky conditions, for example "light rain".</param>
/// <param name="ObservedAt">When the observation was made.</param>
public sealed record WeatherReport(string City, double Temperature, TemperatureUnit Unit, string Conditions, DateTimeOffset ObservedAt);

/// <summary>Weather tools backed by a tiny in-memory table, so the sample runs offline.</summary>
public static partial class WeatherTools
{
    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
    /// <param name="unit">Temperature unit of the reply.</param>
    /// <returns>Temperature, conditions and the observation time.</returns>
    [Tool(ReadOnly = true)]
    public static WeatherReport GetWeather(string city, TemperatureUnit unit = TemperatureUnit.Celsius)
    {
        double celsius = city.Length * 1.5;   // A stand-in for a weather service.
        double temperature = unit == TemperatureUnit.Celsius ? celsius : Math.Round(celsius * 9 / 5 + 32, 1);
        return new WeatherReport(city, temperature, unit, city.Length % 2 == 0 ? "light rain" : "sunny", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    }

    /// <summary>
    /// Lists the cities with a forecast, optionally only those whose name starts with <paramref name="prefix"/>.
    /// Use it before <see cref="GetWeather"/> when the user's city may not be covered.
    /// </summary>
    /// <param name="prefix">Case-insensitive name prefix; omit it to list every city.</param>
    /// <param name="limit">The most cities to return, from 1 to 100.</param>
    [Tool(ReadOnly = true, Idempotent = true)]
    public static async Task<string[]> ListCitiesAsync(string? prefix = null, [Range(1, 100)] int limit = 10, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        string[] cities = ["Paris", "Porto", "Prague", "São Paulo", "Seoul", "Sydney"];
        return cities.Where(c => prefix is null || c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(limit).ToArray();
    }
}
