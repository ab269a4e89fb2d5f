using System;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace SkillRt.Memory.Sqlite;

/// <summary>
/// The store's tables, created and migrated in one transaction each, recorded in <c>memory_schema</c>.
/// A store written by a newer SkillRt (a higher version) is refused rather than guessed at.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Each migration, in order; index + 1 is the version it brings the store to.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE memory_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);

        -- One row per memory: its current revision. seq is the rowid shared with memory_fts.
        CREATE TABLE memories (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            namespace TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT,
            value TEXT NOT NULL,
            text TEXT NOT NULL,
            tags TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            embedding BLOB,
            embedding_model TEXT,
            prov_api_key TEXT,
            prov_skill TEXT,
            prov_skill_version TEXT,
            prov_client TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            last_read_at INTEGER,
            valid_from INTEGER NOT NULL,
            version INTEGER NOT NULL,
            state INTEGER NOT NULL,
            archived_at INTEGER
        );
        -- Never a second memory for a key, whatever the writers do at the same time.
        CREATE UNIQUE INDEX ux_memories_key ON memories (namespace, key) WHERE key IS NOT NULL;
        CREATE INDEX ix_memories_hash ON memories (namespace, content_hash);
        CREATE INDEX ix_memories_recent ON memories (namespace, state, updated_at DESC, id);
        CREATE INDEX ix_memories_kind ON memories (namespace, kind, state, updated_at DESC);

        CREATE TABLE memory_tags (tag TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (tag, seq)) WITHOUT ROWID;
        CREATE INDEX ix_memory_tags_seq ON memory_tags (seq);

        -- Superseded revisions, kept with their validity interval.
        CREATE TABLE memory_history (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            namespace TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT,
            value TEXT NOT NULL,
            text TEXT NOT NULL,
            tags TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            prov_api_key TEXT,
            prov_skill TEXT,
            prov_skill_version TEXT,
            prov_client TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            valid_from INTEGER NOT NULL,
            valid_to INTEGER NOT NULL,
            PRIMARY KEY (id, version)
        ) WITHOUT ROWID;

        CREATE VIRTUAL TABLE memory_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the store to <see cref="CurrentVersion"/> and returns its cursor secret.</summary>
    public static byte[] Migrate(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS memory_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        var version = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM memory_schema"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new MemoryException(MemoryErrorCodes.StoreUnavailable,
                $"The memory store '{path}' has schema version {version}; this SkillRt knows versions up to {CurrentVersion}. Use a newer SkillRt to open it.");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            Execute(connection, transaction, Migrations[next - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO memory_schema (version, applied_at) VALUES ($v, $at)";
            record.Parameters.AddWithValue("$v", next);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }

        var secret = Scalar(connection, transaction, "SELECT value FROM memory_meta WHERE name = 'cursor-key'") as byte[];
        if (secret is null)
        {
            secret = RandomNumberGenerator.GetBytes(32);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO memory_meta (name, value) VALUES ('cursor-key', $v)";
            insert.Parameters.AddWithValue("$v", secret);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return secret;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
