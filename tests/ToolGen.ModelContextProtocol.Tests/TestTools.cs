using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ToolGen;

namespace ToolGen.ModelContextProtocol.Tests;

/// <summary>A forecast.</summary>
/// <param name="City">The city.</param>
/// <param name="Celsius">The temperature in degrees Celsius.</param>
/// <param name="Sky">Sky conditions.</param>
public sealed record Forecast(string City, double Celsius, string? Sky);

/// <summary>What the tools saw, for the tests to check.</summary>
public static class Observed
{
    public static readonly ConcurrentQueue<string> Deleted = new();
    public static TaskCompletionSource Started = NewSignal();
    public static TaskCompletionSource Canceled = NewSignal();

    public static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Reset()
    {
        Deleted.Clear();
        Started = NewSignal();
        Canceled = NewSignal();
    }
}

/// <summary>Static tools covering each kind of result and hint.</summary>
public static partial class TestTools
{
    /// <summary>Gets the forecast for a city. Returns the temperature and the sky.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    /// <param name="days">How many days ahead, from 0 to 7.</param>
    [Tool(ReadOnly = true, OpenWorld = true, Title = "City forecast")]
    public static Forecast GetForecast(string city, [System.ComponentModel.DataAnnotations.Range(0, 7)] int days = 0, string? note = null) =>
        new(city, city.Length + days, note ?? "clear");

    /// <summary>Adds two integers, e.g. 2 and 3. Returns their sum.</summary>
    /// <param name="a">The first number.</param>
    /// <param name="b">The second number.</param>
    [Tool(ReadOnly = true, Idempotent = true)]
    public static int Add(int a, int b) => a + b;

    /// <summary>Repeats the text.</summary>
    /// <param name="text">What to repeat.</param>
    [Tool]
    public static string Echo(string text) => text;

    /// <summary>Deletes a file for good.</summary>
    /// <param name="path">The file's path.</param>
    [Tool(Destructive = true, RequiresApproval = true)]
    public static string DeleteFile(string path)
    {
        Observed.Deleted.Enqueue(path);
        return "deleted " + path;
    }

    /// <summary>Waits until the call is canceled.</summary>
    [Tool]
    public static async Task<string> WaitForCancellation(CancellationToken cancellationToken)
    {
        Observed.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Observed.Canceled.TrySetResult();
            throw;
        }
        return "never";
    }

    /// <summary>Counts to a number, reporting each step as progress.</summary>
    /// <param name="count">How far to count, from 1 to 20.</param>
    [Tool(ReadOnly = true)]
    public static async Task<int> CountTo([System.ComponentModel.DataAnnotations.Range(1, 20)] int count, ToolContext context)
    {
        for (int i = 1; i <= count; i++)
        {
            await Task.Yield();
            context.ReportProgress(i, count, $"step {i} of {count}");
        }
        return count;
    }

    /// <summary>Fails every time it is called, with an exception whose message must not reach the client.</summary>
    [Tool]
    public static string Explode() => throw new InvalidOperationException("the secret connection string");

    /// <summary>Takes longer than it may.</summary>
    [Tool(TimeoutSeconds = 0.2)]
    public static async Task<string> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return "late";
    }
}

/// <summary>A scoped service: a new instance per DI scope, numbered, disposed with its scope.</summary>
public sealed class Counter : IDisposable
{
    private static int s_created;
    public int Id { get; } = Interlocked.Increment(ref s_created);
    public bool Disposed { get; private set; }
    public static ConcurrentQueue<Counter> All { get; } = new();
    public Counter() => All.Enqueue(this);
    public void Dispose() => Disposed = true;
}

/// <summary>
/// A tool type served from DI, written by hand the way the generator's <see cref="IServiceToolProvider"/> emission works:
/// each call resolves its services from <see cref="ToolContext.Services"/>.
/// </summary>
public sealed class ScopedTools : IServiceToolProvider
{
    private static readonly byte[] s_noParameters = """{"type":"object","properties":{},"additionalProperties":false}"""u8.ToArray();
    private static readonly byte[] s_output = """{"type":"object","properties":{"id":{"type":"integer"},"same":{"type":"boolean"}},"required":["id","same"]}"""u8.ToArray();

    public static ToolSet ToolsFromServices { get; } = ToolSet.Create(
        new ToolDescriptor("scoped_counter", "Returns the number of the scoped Counter this call got.", s_noParameters, static (_, context, _) =>
        {
            IServiceProvider services = context?.Services ?? throw new InvalidOperationException("no services");
            Counter first = services.GetRequiredService<Counter>();
            Counter second = services.GetRequiredService<Counter>();
            string json = JsonSerializer.Serialize(new { id = first.Id, same = ReferenceEquals(first, second) });
            return ValueTask.FromResult(ToolResult.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
        })
        {
            OutputSchema = s_output,
            ObjectOutputSchema = s_output,
            Hints = ToolHints.ReadOnly,
        });
}

/// <summary>Which scoped counter a call saw.</summary>
/// <param name="Id">The number of the counter the tool instance was created with.</param>
/// <param name="Same">Whether the [FromServices] parameter got that same counter.</param>
public sealed record CounterInfo(int Id, bool Same);

/// <summary>A generated instance tool type: created per call from the call's services (IServiceToolProvider).</summary>
public sealed partial class CounterTools(Counter counter)
{
    /// <summary>Tells which scoped counter this call's tool instance was given, and whether a service parameter got the same one.</summary>
    /// <param name="fromParameter">The counter, as a service parameter.</param>
    [Tool(ReadOnly = true)]
    public CounterInfo WhichCounter([FromServices] Counter fromParameter) => new(counter.Id, ReferenceEquals(counter, fromParameter));
}
