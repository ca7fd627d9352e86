using System;
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

/// <summary>Weather tools backed by a tiny in-memory table, so the sample runs offline.</summary>
public static partial class WeatherTools
{
    /// <summary>Gets the current temperature for a city.</summary>
    /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
    /// <param name="unit">Temperature unit of the reply.</param>
    /// <returns>The temperature in the requested unit.</returns>
    [Tool(ReadOnly = true)]
    public static double GetTemperature(string city, TemperatureUnit unit = TemperatureUnit.Celsius)
    {
        double celsius = city.Length * 1.5;   // A stand-in for a weather service.
        return unit == TemperatureUnit.Celsius ? celsius : Math.Round(celsius * 9 / 5 + 32, 1);
    }

    /// <summary>
    /// Lists the cities with a forecast, optionally only those whose name starts with <paramref name="prefix"/>.
    /// Use it before <see cref="GetTemperature"/> when the user's city may not be covered.
    /// </summary>
    /// <param name="prefix">Case-insensitive name prefix; omit it to list every city.</param>
    /// <param name="limit">The most cities to return, from 1 to 100.</param>
    [Tool(ReadOnly = true, Idempotent = true)]
    public static async Task<string[]> ListCitiesAsync(string? prefix = null, int limit = 10, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        string[] cities = ["Paris", "Porto", "Prague", "São Paulo", "Seoul", "Sydney"];
        return cities.Where(c => prefix is null || c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(limit).ToArray();
    }
}
