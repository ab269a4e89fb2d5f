using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Sqlite;

/// <summary>
/// Real writer processes (tests/SkillRt.Memory.TestWriter), two at once on one store, killed while
/// writing: the store must open consistent (integrity, full-text index, tags, history, content hashes)
/// and hold every write a writer reported committed.
/// </summary>
public sealed class KilledWriterTests : IDisposable
{
    private static readonly string WriterPath = Path.Combine(AppContext.BaseDirectory, "TestWriter", "SkillRt.Memory.TestWriter.dll");
    private static readonly string Dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(3)]
    [InlineData(60)]
    public async Task Writers_killed_mid_write_leave_a_consistent_store_with_every_committed_write(int commitsBeforeKill)
    {
        var path = _folder.File("crash.db");
        var writers = new[] { Start(path, "a"), Start(path, "b") };
        try
        {
            await Task.WhenAll(writers.Select(w => w.WaitForCommitsAsync(commitsBeforeKill)));
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Kill();
            }
        }

        foreach (var writer in writers)
        {
            await writer.Process.WaitForExitAsync(Ct);
            Assert.True(writer.Commits.Count >= commitsBeforeKill, $"writer {writer.Id}: {writer.Commits.Count} commits; stderr: {writer.Errors}");
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            AssertConsistent(connection);
            foreach (var writer in writers)
            {
                AssertHolds(connection, writer.Commits[^1]);
            }
        }

        // And it takes writes again.
        var services = new ServiceCollection();
        services.AddSkillMemory(o => o.DatabasePath = path)
            .AddKind("note", """{ "type": "object", "properties": { "n": { "type": "integer" }, "body": { "type": "string" } }, "required": ["n", "body"] }""");
        using var provider = services.BuildServiceProvider();
        var memory = provider.GetRequiredService<ISkillMemory>();
        var after = await memory.UpsertAsync(new MemoryWrite { Namespace = "crash/test", Kind = "note", Key = "a-0", Value = JsonSerializer.SerializeToElement(new { n = -1, body = "after the crash" }) }, Ct);
        Assert.Equal(UpsertOutcome.Superseded, after.Outcome);
        Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["crash/test"], Text = "after crash" }, Ct)).Hits);
    }

    private static void AssertConsistent(SqliteConnection connection)
    {
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM memories m WHERE NOT EXISTS (SELECT 1 FROM memory_fts f WHERE f.rowid = m.seq)"));
        Assert.Equal(Scalar(connection, "SELECT COUNT(*) FROM memories"), Scalar(connection, "SELECT COUNT(*) FROM memory_fts"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM memories m JOIN memory_fts f ON f.rowid = m.seq WHERE f.text <> m.text"));
        Assert.Equal("ok", Scalar(connection, "SELECT CASE WHEN (SELECT COUNT(*) FROM memory_fts WHERE memory_fts MATCH 'writer') = (SELECT COUNT(*) FROM memories) THEN 'ok' ELSE 'fts out of step' END"));

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.seq, m.id, m.kind, m.value, m.text, m.tags, m.content_hash, m.version, (SELECT COUNT(*) FROM memory_history h WHERE h.id = m.id), " +
            "(SELECT COALESCE(MAX(version), 0) FROM memory_history h WHERE h.id = m.id), (SELECT group_concat(tag, ',') FROM (SELECT tag FROM memory_tags t WHERE t.seq = m.seq ORDER BY tag)) FROM memories m";
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            var value = MemoryRowsForTest.Parse(reader.GetString(3));
            Assert.Equal(reader.GetString(6), ContentHash.Compute(reader.GetString(2), value, reader.GetString(4)));
            var version = reader.GetInt64(7);
            Assert.Equal(version - 1, reader.GetInt64(8));
            Assert.Equal(version - 1, reader.GetInt64(9));
            var tagsJson = JsonSerializer.Deserialize<string[]>(reader.GetString(5))!;
            Assert.Equal(string.Join(',', tagsJson), reader.IsDBNull(10) ? "" : reader.GetString(10));
        }

        Assert.True(rows > 0);
    }

    private static void AssertHolds(SqliteConnection connection, Commit commit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(value, '$.n'), version FROM memories WHERE namespace = 'crash/test' AND key = $key " +
            "UNION ALL SELECT json_extract(h.value, '$.n'), h.version FROM memory_history h JOIN memories m ON m.id = h.id WHERE m.key = $key";
        command.Parameters.AddWithValue("$key", commit.Key);
        using var reader = command.ExecuteReader();
        var found = new List<(long N, long Version)>();
        while (reader.Read())
        {
            found.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        Assert.Contains((commit.N, commit.Version), found);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static Writer Start(string path, string id)
    {
        Assert.True(File.Exists(WriterPath), $"The writer is not built at {WriterPath}.");
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WriterPath);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(id);
        return new Writer(id, Process.Start(start)!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed record Commit(long N, string Key, long Version);

    /// <summary>A writer process and the commits it reported, read as they come.</summary>
    private sealed class Writer
    {
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _lock = new();
        private readonly List<Commit> _commits = [];
        private readonly System.Text.StringBuilder _errors = new();
        private int _wanted = int.MaxValue;
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Writer(string id, Process process)
        {
            Id = id;
            Process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _exited.TrySetResult();
                    return;
                }

                var parts = e.Data.Split(' ');
                if (parts is ["committed", var n, var key, var version])
                {
                    lock (_lock)
                    {
                        _commits.Add(new Commit(long.Parse(n, System.Globalization.CultureInfo.InvariantCulture), key, long.Parse(version, System.Globalization.CultureInfo.InvariantCulture)));
                        if (_commits.Count >= _wanted)
                        {
                            _reached.TrySetResult();
                        }
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_lock)
                {
                    _errors.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Id { get; }

        public Process Process { get; }

        public IReadOnlyList<Commit> Commits
        {
            get
            {
                lock (_lock)
                {
                    return _commits.ToArray();
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_lock)
                {
                    return _errors.ToString();
                }
            }
        }

        public async Task WaitForCommitsAsync(int count)
        {
            lock (_lock)
            {
                _wanted = count;
                if (_commits.Count >= count)
                {
                    return;
                }
            }

            // Either enough commits, or the writer died (its output ends): then the assertion on commits reports stderr.
            await Task.WhenAny(_reached.Task, _exited.Task).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }
        }
    }
}

/// <summary>Parses stored values for the consistency check.</summary>
internal static class MemoryRowsForTest
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
