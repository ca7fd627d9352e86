using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace WebService.Data;

/// <summary>
/// The SQLite database of the service: conversations (ToolGen transcripts with their owner, a version and a lease) and
/// the order desk's orders and their events. Created, with a few demo orders, on first start.
/// </summary>
public sealed class Database
{
    /// <summary>Opens the database <paramref name="connectionString"/> names.</summary>
    public Database(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
            Directory.CreateDirectory(directory);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        ConnectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>The database file.</summary>
    public string DataSource { get; }

    /// <summary>An open connection; dispose it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the tables and the demo orders when they are missing.</summary>
    public void Initialize()
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (
                id          TEXT PRIMARY KEY,
                owner       TEXT NOT NULL,
                version     INTEGER NOT NULL,
                transcript  TEXT NULL,
                lease       TEXT NULL,
                lease_until INTEGER NULL,
                updated_at  TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS orders (
                id           INTEGER PRIMARY KEY,
                customer     TEXT NOT NULL,
                status       TEXT NOT NULL,
                total        TEXT NOT NULL,
                cancel_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE IF NOT EXISTS order_events (
                id       INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id INTEGER NOT NULL REFERENCES orders(id),
                action   TEXT NOT NULL,
                by_user  TEXT NOT NULL,
                call_id  TEXT NULL,
                detail   TEXT NULL,
                at       TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();

        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand seed = connection.CreateCommand();
        seed.Transaction = transaction;
        seed.CommandText = "INSERT OR IGNORE INTO orders (id, customer, status, total) VALUES ($id, $customer, $status, $total)";
        SqliteParameter id = seed.Parameters.Add("$id", SqliteType.Integer);
        SqliteParameter customer = seed.Parameters.Add("$customer", SqliteType.Text);
        SqliteParameter status = seed.Parameters.Add("$status", SqliteType.Text);
        SqliteParameter total = seed.Parameters.Add("$total", SqliteType.Text);
        string[] customers = ["Ada", "Grace", "Linus", "Barbara", "Ken"];
        for (int i = 1; i <= 20; i++)
        {
            id.Value = i;
            customer.Value = customers[i % customers.Length];
            status.Value = i % 5 == 0 ? "shipped" : "open";
            total.Value = (i * 12.5m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " EUR";
            seed.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
