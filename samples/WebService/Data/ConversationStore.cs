using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace WebService.Data;

/// <summary>A conversation row: its owner, version and ToolGen transcript (null while its first run is under way).</summary>
public sealed record StoredConversation(string Id, string Owner, long Version, string? Transcript);

/// <summary>How an attempt to work on a conversation went.</summary>
public enum BeginOutcome
{
    /// <summary>The caller holds the conversation's lease until it completes or abandons it.</summary>
    Acquired,
    /// <summary>No such conversation for this caller (none at all, or another caller's).</summary>
    NotFound,
    /// <summary>Another request is working on it.</summary>
    Busy,
}

/// <summary>A lease on one conversation: only its holder may store a new version.</summary>
public sealed record ConversationLease(string Token, StoredConversation Conversation, bool Created);

/// <summary>
/// Conversations in SQLite. A request that changes a conversation first takes its lease in one immediate transaction
/// (so two requests racing on a conversation cannot both run its tools), then stores the new transcript with a
/// conditional UPDATE that also checks the version; the loser of a race is told to retry and nothing of the winner's is
/// lost. A lease left by a crashed process expires after <see cref="LeaseDuration"/>.
/// </summary>
public sealed class ConversationStore(Database database, TimeProvider time)
{
    /// <summary>How long a lease holds when its request never comes back.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The conversation if it exists and belongs to <paramref name="owner"/>.</summary>
    public async Task<StoredConversation?> FindAsync(string id, string owner, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT owner, version, transcript FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        string rowOwner = reader.GetString(0);
        if (!string.Equals(rowOwner, owner, StringComparison.Ordinal)) return null;   // Another caller's: as if it did not exist.
        return new StoredConversation(id, rowOwner, reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>
    /// Takes the lease of conversation <paramref name="id"/> for <paramref name="owner"/>; creates the conversation when
    /// <paramref name="create"/> is set and it does not exist.
    /// </summary>
    public (BeginOutcome Outcome, ConversationLease? Lease) Begin(string id, string owner, bool create)
    {
        string token = Guid.NewGuid().ToString("N");
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        long until = now + (long)LeaseDuration.TotalMilliseconds;
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: one writer at a time.
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT owner, version, transcript, lease, lease_until FROM conversations WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        StoredConversation? row = null;
        bool leased = false;
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            if (reader.Read())
            {
                row = new StoredConversation(id, reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                leased = !reader.IsDBNull(3) && !reader.IsDBNull(4) && reader.GetInt64(4) > now;
            }
        }

        if (row is null)
        {
            if (!create) return (BeginOutcome.NotFound, null);
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO conversations (id, owner, version, transcript, lease, lease_until, updated_at) VALUES ($id, $owner, 0, NULL, $lease, $until, $at)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$owner", owner);
            insert.Parameters.AddWithValue("$lease", token);
            insert.Parameters.AddWithValue("$until", until);
            insert.Parameters.AddWithValue("$at", Timestamp());
            insert.ExecuteNonQuery();
            transaction.Commit();
            return (BeginOutcome.Acquired, new ConversationLease(token, new StoredConversation(id, owner, 0, null), Created: true));
        }

        if (!string.Equals(row.Owner, owner, StringComparison.Ordinal)) return (BeginOutcome.NotFound, null);
        if (leased) return (BeginOutcome.Busy, null);

        using SqliteCommand take = connection.CreateCommand();
        take.Transaction = transaction;
        take.CommandText = "UPDATE conversations SET lease = $lease, lease_until = $until WHERE id = $id AND version = $version";
        take.Parameters.AddWithValue("$id", id);
        take.Parameters.AddWithValue("$lease", token);
        take.Parameters.AddWithValue("$until", until);
        take.Parameters.AddWithValue("$version", row.Version);
        if (take.ExecuteNonQuery() != 1) return (BeginOutcome.Busy, null);
        transaction.Commit();
        return (BeginOutcome.Acquired, new ConversationLease(token, row, Created: false));
    }

    /// <summary>
    /// Stores <paramref name="transcript"/> as the next version and releases the lease: a conditional UPDATE on the lease
    /// and the version the request started from. Returns the new version, or null when the lease was lost (it expired and
    /// another request changed the conversation); then nothing was written.
    /// </summary>
    public long? Complete(ConversationLease lease, string transcript)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = """
            UPDATE conversations SET transcript = $transcript, version = version + 1, lease = NULL, lease_until = NULL, updated_at = $at
            WHERE id = $id AND lease = $lease AND version = $version
            """;
        update.Parameters.AddWithValue("$transcript", transcript);
        update.Parameters.AddWithValue("$at", Timestamp());
        update.Parameters.AddWithValue("$id", lease.Conversation.Id);
        update.Parameters.AddWithValue("$lease", lease.Token);
        update.Parameters.AddWithValue("$version", lease.Conversation.Version);
        return update.ExecuteNonQuery() == 1 ? lease.Conversation.Version + 1 : null;
    }

    /// <summary>
    /// Releases the lease without changing the conversation; a conversation this request created and never stored is
    /// removed, so a refused first message leaves nothing behind.
    /// </summary>
    public void Abandon(ConversationLease lease)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = lease.Created
            ? "DELETE FROM conversations WHERE id = $id AND lease = $lease AND transcript IS NULL"
            : "UPDATE conversations SET lease = NULL, lease_until = NULL WHERE id = $id AND lease = $lease";
        command.Parameters.AddWithValue("$id", lease.Conversation.Id);
        command.Parameters.AddWithValue("$lease", lease.Token);
        command.ExecuteNonQuery();
    }

    private string Timestamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
