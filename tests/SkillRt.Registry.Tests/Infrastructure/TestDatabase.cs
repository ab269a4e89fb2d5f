using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The database a seeded test server uses: SQLite in its data directory by default; with
/// <c>SKILLRT_TEST_POSTGRES</c> set to a connection string of a throw-away PostgreSQL server
/// (docs: /work/shared/design/ENVIRONMENT.md's recipe), a new database on it per server.
/// </summary>
internal static class TestDatabase
{
    public const string Variable = "SKILLRT_TEST_POSTGRES";

    /// <summary>Server settings (<c>--key=value</c>) selecting the database; empty for SQLite.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SettingsAsync(CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return new Dictionary<string, string>();
        }

        var name = "skillrt_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new Dictionary<string, string>
        {
            ["SkillRt:Database:Provider"] = "PostgreSql",
            ["SkillRt:Database:ConnectionString"] = database,
        };
    }
}
