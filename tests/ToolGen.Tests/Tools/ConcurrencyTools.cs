using System;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Tests.Tools;

/// <summary>Tools shared by a thousand concurrent runs; they count the calls in flight so that leaks show.</summary>
public sealed partial class ConcurrencyTools
{
    private int _inFlight;
    private int _started;
    private int _finished;

    /// <summary>Calls running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Calls started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Calls finished so far, however they ended.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Looks up the item numbered n; safe to run alongside other lookups.</summary>
    /// <param name="n">The item number, for example 7.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    [Tool(ReadOnly = true)]
    public async Task<string> LookupAsync(int n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inFlight);
        try
        {
            await Task.Delay(n % 3, cancellationToken);
            return "item-" + n;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _finished);
        }
    }

    /// <summary>Records an item found for request n and returns a confirmation.</summary>
    /// <param name="n">The request number.</param>
    /// <param name="item">The item found, for example "item-7".</param>
    [Tool]
    public string Record(int n, string item)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _finished);
        return $"recorded {item} for {n}";
    }
}
