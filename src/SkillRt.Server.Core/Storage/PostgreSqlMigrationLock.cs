using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SkillRt.Server.Storage;

/// <summary>
/// A PostgreSQL advisory lock held, on a connection of its own, while a replica migrates: every
/// replica of one database takes the same key, so they migrate one at a time. The lock belongs to
/// the session, so it ends with the connection even if the process dies.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number; this one spells "skillrt" in ASCII.
    private const long Key = 0x736B696C6C7274;

    private readonly NpgsqlConnection _connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgreSqlMigrationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Closing the connection below ends the session, and with it the lock.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
