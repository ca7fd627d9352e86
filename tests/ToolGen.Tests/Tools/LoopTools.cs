using System;
using System.Collections.Concurrent;

namespace ToolGen.Tests.Tools;

/// <summary>Tools for the conversation tests (approvals, resuming, the step API, retries); each instance logs what ran.</summary>
public sealed partial class LoopTools
{
    /// <summary>What ran, in order.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Looks up a value by key.</summary>
    /// <param name="key">The key, for example "a".</param>
    [Tool(Name = "find", ReadOnly = true)]
    public string Lookup(string key)
    {
        Log.Enqueue("find " + key);
        return key.ToUpperInvariant();
    }

    /// <summary>Writes a note to the user's notebook.</summary>
    /// <param name="text">The note.</param>
    [Tool]
    public string Note(string text)
    {
        Log.Enqueue("note " + text);
        return "noted " + text;
    }

    /// <summary>Transfers money to another account; needs the user's approval.</summary>
    /// <param name="to">The receiving account, for example "bob".</param>
    /// <param name="amount">The amount in euros.</param>
    [Tool(Destructive = true, RequiresApproval = true)]
    public TransferReceipt Transfer(string to, int amount)
    {
        Log.Enqueue($"transfer {to} {amount}");
        return new TransferReceipt(to, amount, "tx-" + to);
    }

    /// <summary>Books a table for a date; the date must be in the future.</summary>
    /// <param name="date">The date, for example "2027-01-31".</param>
    [Tool]
    public string Book(DateOnly date)
    {
        Log.Enqueue("book " + date.ToString("O"));
        if (date.Year < 2027) throw new ToolRetryException($"{date:O} is in the past; the date must be in the future (2027 or later).");
        return "booked " + date.ToString("O");
    }
}

/// <summary>What a transfer did.</summary>
/// <param name="To">The receiving account.</param>
/// <param name="Amount">The amount in euros.</param>
/// <param name="TransactionId">The transaction id.</param>
public sealed record TransferReceipt(string To, int Amount, string TransactionId);
