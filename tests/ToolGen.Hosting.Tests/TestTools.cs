using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Hosting.Tests;

/// <summary>Weather lookups for the hosting tests.</summary>
public static partial class WeatherTools
{
    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    /// <returns>A one-line weather report.</returns>
    [Tool(ReadOnly = true)]
    public static string GetWeather(string city) => $"Sunny, 21 °C in {city}.";
}

/// <summary>Another weather tool whose name collides with <see cref="WeatherTools.GetWeather"/>.</summary>
public static partial class OtherWeatherTools
{
    /// <summary>Gets the weather from another source.</summary>
    /// <param name="city">City name.</param>
#pragma warning disable TG0019 // The collision is what the registration test is about.
    [Tool(Name = "get_weather")]
    public static string Lookup(string city) => "Cloudy in " + city + ".";
#pragma warning restore TG0019
}

/// <summary>A scoped service: one per DI scope, counting the calls made in it.</summary>
public sealed class RequestCounter
{
    private int _count;

    /// <summary>Identifies the scope's instance.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Counts one more call.</summary>
    public int Next() => Interlocked.Increment(ref _count);
}

/// <summary>
/// Written by hand as the generator's <see cref="IServiceToolProvider"/> emission will be: each call creates the tool
/// type from the call's services, and a missing service is a Failed result naming it.
/// </summary>
public sealed class CounterTools(RequestCounter counter) : IServiceToolProvider
{
    private static readonly byte[] s_schema = Encoding.UTF8.GetBytes("""{"type":"object","properties":{}}""");

    /// <summary>Counts a call in the scope and says which scope's counter it used.</summary>
    public string Count() => $$"""{"scope":"{{counter.Id}}","count":{{counter.Next().ToString(CultureInfo.InvariantCulture)}}}""";

    /// <inheritdoc/>
    public static ToolSet ToolsFromServices { get; } = ToolSet.Create(
        new ToolDescriptor("count", "Counts calls in the current scope.", s_schema, static (_, context, _) =>
        {
            if (context?.Services?.GetService(typeof(RequestCounter)) is not RequestCounter counter)
            {
                return new ValueTask<ToolResult>(ToolResult.Error(ToolResultKind.Failed,
                    "Tool count cannot run: the service ToolGen.Hosting.Tests.RequestCounter is not registered."));
            }
            string json = new CounterTools(counter).Count();
            return new ValueTask<ToolResult>(ToolResult.FromJson(Encoding.UTF8.GetBytes(json)));
        })
        { MethodName = "ToolGen.Hosting.Tests.CounterTools.Count", Hints = ToolHints.ReadOnly });
}

/// <summary>A note store the note tools need; registered as a singleton in the tests that use it.</summary>
public sealed class NoteStore
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _notes = new();

    /// <summary>Every note, in order.</summary>
    public string[] Notes => _notes.ToArray();

    /// <summary>Stores a note.</summary>
    public void Add(string note) => _notes.Enqueue(note);
}

/// <summary>Instance tools created per call by the generated factory, from the call's services.</summary>
public sealed partial class NoteTools(NoteStore store, RequestCounter counter)
{
    /// <summary>Stores a note and says how many calls its scope has seen.</summary>
    /// <param name="text">The note.</param>
    [Tool]
    public string AddNote(string text)
    {
        store.Add(text);
        return $"Stored note {counter.Next().ToString(CultureInfo.InvariantCulture)} of scope {counter.Id}.";
    }

    /// <summary>Tells how many notes the store holds, across all scopes.</summary>
    /// <param name="clock">Any service, taken as a parameter.</param>
    [Tool(ReadOnly = true)]
    public static int CountNotes([FromServices] NoteStore clock) => clock.Notes.Length;
}
