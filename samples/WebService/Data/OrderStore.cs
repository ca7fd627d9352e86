using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace WebService.Data;

/// <summary>An order as the tools see it.</summary>
/// <param name="Id">The order number.</param>
/// <param name="Customer">Who ordered.</param>
/// <param name="Status">open, shipped or cancelled.</param>
/// <param name="Total">The amount, with its currency.</param>
public sealed record Order(int Id, string Customer, string Status, string Total);

/// <summary>What cancelling an order did.</summary>
public enum CancelOutcome
{
    /// <summary>The order is now cancelled.</summary>
    Cancelled,
    /// <summary>No such order.</summary>
    NotFound,
    /// <summary>It was cancelled before.</summary>
    AlreadyCancelled,
    /// <summary>It has shipped and cannot be cancelled.</summary>
    Shipped,
}

/// <summary>Where orders are kept. Registered scoped: one per request.</summary>
public interface IOrderStore
{
    /// <summary>The order, or null.</summary>
    Task<Order?> FindAsync(int orderId, CancellationToken cancellationToken);

    /// <summary>Cancels an open order, recording who did it and for which tool call.</summary>
    Task<CancelOutcome> CancelAsync(int orderId, string byUser, string? callId, string? reason, CancellationToken cancellationToken);
}

/// <summary>The orders in the service's SQLite database.</summary>
public sealed class SqliteOrderStore(Database database) : IOrderStore
{
    /// <inheritdoc/>
    public async Task<Order?> FindAsync(int orderId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, customer, status, total FROM orders WHERE id = $id";
        command.Parameters.AddWithValue("$id", orderId);
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new Order(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }

    /// <inheritdoc/>
    public async Task<CancelOutcome> CancelAsync(int orderId, string byUser, string? callId, string? reason, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT status FROM orders WHERE id = $id";
        find.Parameters.AddWithValue("$id", orderId);
        if (await find.ExecuteScalarAsync(cancellationToken) is not string status) return CancelOutcome.NotFound;
        if (status == "cancelled") return CancelOutcome.AlreadyCancelled;
        if (status == "shipped") return CancelOutcome.Shipped;

        using SqliteCommand cancel = connection.CreateCommand();
        cancel.Transaction = transaction;
        cancel.CommandText = """
            UPDATE orders SET status = 'cancelled', cancel_count = cancel_count + 1 WHERE id = $id;
            INSERT INTO order_events (order_id, action, by_user, call_id, detail, at) VALUES ($id, 'cancel', $by, $call, $detail, $at);
            """;
        cancel.Parameters.AddWithValue("$id", orderId);
        cancel.Parameters.AddWithValue("$by", byUser);
        cancel.Parameters.AddWithValue("$call", (object?)callId ?? DBNull.Value);
        cancel.Parameters.AddWithValue("$detail", (object?)reason ?? DBNull.Value);
        cancel.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await cancel.ExecuteNonQueryAsync(cancellationToken);
        transaction.Commit();
        return CancelOutcome.Cancelled;
    }
}
