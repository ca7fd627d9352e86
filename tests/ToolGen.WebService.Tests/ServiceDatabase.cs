using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace ToolGen.WebService.Tests;

/// <summary>A temporary SQLite file for one test's service, read directly to prove what was stored; deleted at the end.</summary>
public sealed class ServiceDatabase : IDisposable
{
    /// <summary>A new, not yet existing, database file.</summary>
    public ServiceDatabase() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"toolgen-webservice-{Guid.NewGuid():N}.db");

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>A conversation's stored row, or null.</summary>
    public (string Owner, long Version, string? Transcript)? Conversation(string id)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT owner, version, transcript FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>How many conversations are stored.</summary>
    public long ConversationCount() => Scalar("SELECT COUNT(*) FROM conversations");

    /// <summary>An order's status and how many times it was cancelled.</summary>
    public (string Status, long CancelCount) Order(int id)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT status, cancel_count FROM orders WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True, $"order {id} exists");
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>The cancel events of an order: who and for which tool call, in order.</summary>
    public string CancelEvents(int orderId)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT by_user, call_id FROM order_events WHERE order_id = $id AND action = 'cancel' ORDER BY id";
        command.Parameters.AddWithValue("$id", orderId);
        using SqliteDataReader reader = command.ExecuteReader();
        var events = new System.Text.StringBuilder();
        while (reader.Read()) events.Append(events.Length > 0 ? ";" : "").Append(reader.GetString(0)).Append('@').Append(reader.IsDBNull(1) ? "-" : reader.GetString(1));
        return events.ToString();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (string suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
            }
        }
    }

    private long Scalar(string sql)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path};Mode=ReadWrite;Pooling=False");
        connection.Open();
        return connection;
    }
}
