using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SkillRt.Tests;

/// <summary>One test class's database on the shared <see cref="PostgresCluster"/>; disposing it drops it.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _maintenanceConnectionString;

    internal PostgresDatabase(string name, string connectionString, string maintenanceConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        _maintenanceConnectionString = maintenanceConnectionString;
    }

    /// <summary>The database's name (random).</summary>
    public string Name { get; }

    /// <summary>A superuser connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs a query and returns the first column of every row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Every row of every table in the public schema as text, to check what is (and is not) stored.</summary>
    public async Task<string> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var tables = await QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", cancellationToken);
        foreach (var table in tables)
        {
            foreach (var row in await QueryAsync<string>($"SELECT t::text FROM \"{table}\" t", cancellationToken))
            {
                text.Append(table).Append(": ").AppendLine(row);
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_maintenanceConnectionString);
        await connection.OpenAsync();
        // FORCE: a server process killed a moment ago may still hold a connection the server has not reaped.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
