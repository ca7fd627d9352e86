using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Tests.Tools;

/// <summary>Tools for the loop tests; each instance logs what ran, in order.</summary>
public sealed partial class RunnerTools
{
    /// <summary>What ran, in order.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Reads a value slowly (300 ms); safe to run alongside other reads.</summary>
    /// <param name="key">The key to read, for example "a".</param>
    /// <param name="delayMilliseconds">How long the read takes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    [Tool(ReadOnly = true)]
    public async Task<string> SlowReadAsync(string key, int delayMilliseconds = 300, CancellationToken cancellationToken = default)
    {
        Log.Enqueue("start " + key);
        await Task.Delay(delayMilliseconds, cancellationToken);
        Log.Enqueue("end " + key);
        return key.ToUpperInvariant();
    }

    /// <summary>Writes a value slowly (300 ms); must not overlap other writes.</summary>
    /// <param name="key">The key to write, for example "a".</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    [Tool]
    public async Task<string> SlowWriteAsync(string key, CancellationToken cancellationToken = default)
    {
        Log.Enqueue("start " + key);
        await Task.Delay(300, cancellationToken);
        Log.Enqueue("end " + key);
        return "wrote " + key;
    }

    /// <summary>Finds the id of a customer's open order; use it before shipping.</summary>
    /// <param name="customer">The customer's account name, for example "ada".</param>
    [Tool(ReadOnly = true)]
    public int GetOrderId(string customer)
    {
        Log.Enqueue("get_order_id " + customer);
        return 42;
    }

    /// <summary>Ships an order and returns a confirmation text.</summary>
    /// <param name="orderId">The order id from get_order_id.</param>
    [Tool]
    public string ShipOrder(int orderId)
    {
        Log.Enqueue("ship_order " + orderId);
        return "shipped " + orderId;
    }

    /// <summary>Deletes a user's account for good; needs the user's approval.</summary>
    /// <param name="user">The account name, for example "ada".</param>
    [Tool(Destructive = true, RequiresApproval = true)]
    public string DeleteAccount(string user)
    {
        Log.Enqueue("delete_account " + user);
        return "deleted " + user;
    }

    /// <summary>Always fails with a secret in its message, to test error results.</summary>
    [Tool]
    public string Fail() => throw new InvalidOperationException("database password is hunter2");

    /// <summary>Never finishes until canceled, to test timeouts and cancellation.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    [Tool]
    public async Task<string> HangAsync(CancellationToken cancellationToken)
    {
        Log.Enqueue("hang");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    /// <summary>Reports the final summary of the task and ends the conversation.</summary>
    /// <param name="summary">One sentence for the user, for example "Order 42 shipped".</param>
    [Tool]
    public string Finish(string summary) => summary;
}
