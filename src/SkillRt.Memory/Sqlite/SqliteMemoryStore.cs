using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using SkillRt.Memory.Kinds;
using SkillRt.Memory.Querying;

namespace SkillRt.Memory.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every write is one IMMEDIATE transaction, so a
/// writer sees the latest data when it decides (update, supersede or insert) and a killed process
/// leaves either all or nothing of a write. Writers of this process queue on a gate (no busy-waiting);
/// writers of other processes wait on SQLite's lock up to <see cref="SkillMemoryOptions.BusyTimeout"/>.
/// </summary>
internal sealed partial class SqliteMemoryStore : ISkillMemory, IDisposable
{
    /// <summary>A read newer than this does not rewrite last_read_at: a hot memory read in a loop costs no write per read.</summary>
    private static readonly TimeSpan ReadTrackingResolution = TimeSpan.FromMinutes(1);

    /// <summary>Forgetting deletes everything of a memory, in one transaction.</summary>
    private static readonly string[] ForgetStatements =
    [
        "DELETE FROM memory_tags WHERE seq = $seq",
        "DELETE FROM memory_fts WHERE rowid = $seq",
        "DELETE FROM memory_history WHERE id = $id",
        "DELETE FROM memories WHERE seq = $seq",
    ];

    private readonly SkillMemoryOptions _options;
    private readonly MemoryKindRegistry _kinds;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly TimeProvider _time;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly string? _embeddingModel;
    private CursorCodec? _cursors;

    public SqliteMemoryStore(SkillMemoryOptions options, MemoryKindRegistry kinds, IEmbeddingGenerator<string, Embedding<float>>? embeddings, TimeProvider time)
    {
        _options = options;
        _kinds = kinds;
        _embeddings = embeddings;
        _time = time;
        _path = Path.GetFullPath(options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        if (embeddings is not null)
        {
            // Vectors of different models are not comparable; rows remember which model made theirs.
            var metadata = embeddings.GetService<EmbeddingGeneratorMetadata>();
            _embeddingModel = $"{metadata?.ProviderName ?? embeddings.GetType().Name}/{metadata?.DefaultModelId ?? "default"}/{metadata?.DefaultModelDimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
        }
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        _initGate.Dispose();
    }

    /// <summary>Opens a connection to a store that exists and is migrated (created on first use).</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_cursors is null)
        {
            await InitialiseAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // NORMAL in WAL mode: a committed write survives the process being killed (not a power cut), at a fraction of FULL's cost.
            pragma.CommandText = $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cursors is not null)
            {
                return;
            }

            await Guard(async () =>
            {
                var folder = Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                using (var wal = connection.CreateCommand())
                {
                    wal.CommandText = $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;";
                    await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                _cursors = new CursorCodec(SqliteSchema.Migrate(connection, _path));
                return 0;
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MemoryException(MemoryErrorCodes.StoreUnavailable,
                $"The memory store '{_path}' cannot be created: {exception.Message} Check SkillMemoryOptions.DatabasePath and the folder's permissions.", innerException: exception);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Runs a store operation, turning SQLite failures into MEM0013 with what to do.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            throw SqliteFailures.ToMemoryException(exception, _path, _options.BusyTimeout);
        }
    }

    /// <summary>Runs a write: in this process one at a time, in one IMMEDIATE transaction, committed only when <paramref name="write"/> returns.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, long, Task<T>> write, CancellationToken cancellationToken) => Guard(async () =>
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // BeginTransaction is BEGIN IMMEDIATE: the write lock is taken before anything is read.
            using var transaction = connection.BeginTransaction();
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var result = await write(connection, transaction, now).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    });

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<StoredMemory?> LoadAsync(SqliteConnection connection, SqliteTransaction? transaction, string condition, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, $"SELECT {MemoryRows.Columns} FROM memories m WHERE {condition}", parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MemoryRows.Read(reader) : null;
    }

    private static void RequireNamespace(string? memoryNamespace, string field = "namespace")
    {
        if (!MemoryNames.IsValidNamespace(memoryNamespace))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidNamespace, $"{field} '{memoryNamespace}' is not valid. {MemoryNames.DescribeNamespaceRule()}");
        }
    }

    /// <summary>Ids are checked before any lookup; a malformed id is a caller bug worth naming (MEM0006), not a silent miss.</summary>
    private static void RequireId(string? id)
    {
        if (!Writing.MemoryIds.IsValid(id))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKey, $"id '{id}' is not a memory id (32 lowercase hexadecimal characters, as returned by a write).");
        }
    }

    public Task<MemoryRecord?> GetAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default)
    {
        RequireNamespace(memoryNamespace);
        RequireId(id);
        return Guard(async () =>
        {
            StoredMemory? found;
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                found = await LoadAsync(connection, null, "m.id = $id AND m.namespace = $ns", cancellationToken, ("$id", id), ("$ns", memoryNamespace)).ConfigureAwait(false);
            }

            if (found is null)
            {
                return null;
            }

            var readAt = await TrackReadsAsync([found], cancellationToken).ConfigureAwait(false);
            return AfterRead(found.Record, readAt);
        });
    }

    /// <summary>Records that memories were read (for decay); skipped for those read within <see cref="ReadTrackingResolution"/>.</summary>
    private async Task<DateTimeOffset?> TrackReadsAsync(IReadOnlyList<StoredMemory> memories, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stale = new List<long>();
        foreach (var memory in memories)
        {
            if (NeedsReadTracking(memory.Record, now))
            {
                stale.Add(memory.Seq);
            }
        }

        if (stale.Count == 0)
        {
            return null;
        }

        await WriteAsync(async (connection, transaction, nowMs) =>
        {
            using var command = Command(connection, transaction, $"UPDATE memories SET last_read_at = $now WHERE seq IN ({string.Join(", ", stale)})", ("$now", nowMs));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return now;
    }

    private static bool NeedsReadTracking(MemoryRecord record, DateTimeOffset now) =>
        record.LastReadAt is not { } last || now - last >= ReadTrackingResolution;

    /// <summary>The record as it is after <see cref="TrackReadsAsync"/> ran at <paramref name="readAt"/>.</summary>
    private static MemoryRecord AfterRead(MemoryRecord record, DateTimeOffset? readAt) => readAt is not { } now || !NeedsReadTracking(record, now) ? record : new MemoryRecord
    {
        Id = record.Id,
        Namespace = record.Namespace,
        Kind = record.Kind,
        Key = record.Key,
        Value = record.Value,
        Text = record.Text,
        Tags = record.Tags,
        Provenance = record.Provenance,
        Version = record.Version,
        State = record.State,
        ContentHash = record.ContentHash,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        LastReadAt = now,
        ValidFrom = record.ValidFrom,
        ValidTo = record.ValidTo,
        ArchivedAt = record.ArchivedAt,
    };

    public Task<bool> ForgetAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default)
    {
        RequireNamespace(memoryNamespace);
        RequireId(id);
        return WriteAsync(async (connection, transaction, _) =>
        {
            using var find = Command(connection, transaction, "SELECT seq FROM memories WHERE id = $id AND namespace = $ns", ("$id", id), ("$ns", memoryNamespace));
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                return false;
            }

            foreach (var sql in ForgetStatements)
            {
                using var delete = Command(connection, transaction, sql, ("$seq", seq), ("$id", id));
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MemoryRecord>> HistoryAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default)
    {
        RequireNamespace(memoryNamespace);
        RequireId(id);
        return Guard<IReadOnlyList<MemoryRecord>>(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // One read transaction: the current revision and the history are one snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            var current = await LoadAsync(connection, transaction, "m.id = $id AND m.namespace = $ns", cancellationToken, ("$id", id), ("$ns", memoryNamespace)).ConfigureAwait(false);
            if (current is null)
            {
                return [];
            }

            var revisions = new List<MemoryRecord> { current.Record };
            using var command = Command(connection, transaction, $"SELECT {MemoryRows.HistoryColumns} FROM memory_history h WHERE h.id = $id ORDER BY h.version DESC", ("$id", id));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                revisions.Add(MemoryRows.ReadHistory(reader));
            }

            return revisions;
        });
    }

    public Task<MemoryRecord> RestoreAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default)
    {
        RequireNamespace(memoryNamespace);
        RequireId(id);
        return WriteAsync(async (connection, transaction, now) =>
        {
            using (var restore = Command(connection, transaction,
                "UPDATE memories SET state = 0, archived_at = NULL, last_read_at = $now, version = version + 1 WHERE id = $id AND namespace = $ns AND state = 1",
                ("$id", id), ("$ns", memoryNamespace), ("$now", now)))
            {
                await restore.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var memory = await LoadAsync(connection, transaction, "m.id = $id AND m.namespace = $ns", cancellationToken, ("$id", id), ("$ns", memoryNamespace)).ConfigureAwait(false)
                ?? throw new MemoryException(MemoryErrorCodes.NotFound, $"No memory has id '{id}' in namespace '{memoryNamespace}'. Find it first (include archived memories), or check the namespace.");
            return memory.Record;
        }, cancellationToken);
    }
}
