using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace ToolGen.Tests.Tools;

/// <summary>Where orders are kept.</summary>
public interface IOrderStore
{
    /// <summary>An order's status.</summary>
    string Status(int orderId);
}

/// <summary>An order store over a dictionary, counting the instances a container made.</summary>
public sealed class MemoryOrderStore : IOrderStore
{
    private static int s_created;

    /// <summary>How many stores were created.</summary>
    public static int Created => s_created;

    /// <summary>This store's number.</summary>
    public int Number { get; } = Interlocked.Increment(ref s_created);

    /// <inheritdoc/>
    public string Status(int orderId) => orderId == 42 ? "shipped" : "pending";
}

/// <summary>An audit log that keeps its lines.</summary>
public sealed class AuditLog
{
    /// <summary>The lines written.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();
}

/// <summary>A clock.</summary>
public interface IClock
{
    /// <summary>The time.</summary>
    DateTimeOffset Now { get; }
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    /// <inheritdoc/>
    public DateTimeOffset Now { get; } = now;
}

/// <summary>The order desk: a tool type created per call from the call's services, and disposed after it.</summary>
public sealed partial class OrderDesk(IOrderStore store, AuditLog? audit = null) : IDisposable
{
    private static int s_created;
    private static int s_disposed;

    /// <summary>Desks created so far.</summary>
    public static int Created => s_created;

    /// <summary>Desks disposed so far.</summary>
    public static int Disposed => s_disposed;

    private readonly int _number = Interlocked.Increment(ref s_created);

    /// <summary>Tells the shipping status of an order: pending or shipped, with the time it was checked.</summary>
    /// <param name="orderId">The order number printed on the receipt.</param>
    [Tool(ReadOnly = true, Title = "Order status")]
    public string OrderStatus(int orderId, [FromServices] IClock clock, [FromKeyedServices("night")] IClock? nightClock, IServiceProvider services)
    {
        audit?.Lines.Enqueue($"desk {_number}: status {orderId}");
        IClock used = nightClock ?? clock;
        return $"{store.Status(orderId)} at {used.Now:HH:mm} (store {((MemoryOrderStore)store).Number}, provider {(services.GetService(typeof(IOrderStore)) == store ? "same" : "other")})";
    }

    /// <summary>Says which desk answers, by its number.</summary>
    [Tool(ReadOnly = true)]
    public int DeskNumber() => _number;

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Increment(ref s_disposed);
}

/// <summary>A tool type disposed asynchronously after each call.</summary>
public sealed partial class ReportDesk(AuditLog audit) : IAsyncDisposable
{
    /// <summary>Writes a line to the audit log, for the record.</summary>
    /// <param name="line">The line to write, as the user said it.</param>
    [Tool]
    public async Task<string> WriteAuditAsync(string line, CancellationToken cancellationToken)
    {
        await Task.Yield();
        audit.Lines.Enqueue(line);
        return "written";
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        audit.Lines.Enqueue("report desk disposed");
        return ValueTask.CompletedTask;
    }
}

/// <summary>Static tools that take services as parameters.</summary>
public static partial class ClockTools
{
    /// <summary>Tells the current time in a city, as hours and minutes.</summary>
    /// <param name="city">The city, for example "Paris".</param>
    [Tool(ReadOnly = true)]
    public static string TimeIn(string city, [FromServices] IClock clock) => $"{city}: {clock.Now:HH:mm}";
}
