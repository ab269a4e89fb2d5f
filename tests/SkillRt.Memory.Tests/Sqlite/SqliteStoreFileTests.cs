using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Sqlite;

/// <summary>The SQLite file itself: WAL, FTS5, schema versions, and files that are not memory stores.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (ServiceProvider Provider, ISkillMemory Memory) Open(string path)
    {
        var services = new ServiceCollection();
        services.AddSkillMemory(o => o.DatabasePath = path).AddKind(TestKinds.Fact, TestKinds.FactSchema);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<ISkillMemory>());
    }

    private static MemoryWrite Fact(string text) => new() { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json($"\"{text}\"") };

    [Fact]
    public async Task A_new_store_is_created_with_its_folder_in_WAL_mode_at_the_current_schema_version()
    {
        var path = _folder.File("nested/deeper/memory.db");
        var (provider, memory) = Open(path);
        using (provider)
        {
            await memory.UpsertAsync(Fact("hello"), Ct);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(connection, "SELECT MAX(version) FROM memory_schema"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM memory_fts WHERE memory_fts MATCH 'hello'"));

        // Opening again migrates nothing and keeps the data and the cursor secret.
        var secret = (byte[])Scalar(connection, "SELECT value FROM memory_meta WHERE name = 'cursor-key'")!;
        var (again, reopened) = Open(path);
        using (again)
        {
            Assert.Single((await reopened.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
        }

        Assert.Equal(secret, (byte[])Scalar(connection, "SELECT value FROM memory_meta WHERE name = 'cursor-key'")!);
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM memory_schema"));
    }

    [Fact]
    public async Task A_store_from_a_newer_SkillRt_is_refused_not_guessed_at()
    {
        var path = _folder.File("newer.db");
        var (provider, memory) = Open(path);
        using (provider)
        {
            await memory.UpsertAsync(Fact("hello"), Ct);
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO memory_schema (version, applied_at) VALUES (99, 'future')";
            command.ExecuteNonQuery();
        }

        var (provider2, memory2) = Open(path);
        using (provider2)
        {
            var exception = await Assert.ThrowsAsync<MemoryException>(() => memory2.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct));
            Assert.Equal(MemoryErrorCodes.StoreUnavailable, exception.Code);
            Assert.Contains("schema version 99", exception.Message, StringComparison.Ordinal);
            Assert.Contains("newer SkillRt", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_and_left_untouched()
    {
        var path = _folder.File("notes.txt");
        var content = "these are my notes, not a database\n" + new string('.', 5000);
        await File.WriteAllTextAsync(path, content, Ct);
        var (provider, memory) = Open(path);
        using (provider)
        {
            var exception = await Assert.ThrowsAsync<MemoryException>(() => memory.UpsertAsync(Fact("x"), Ct));
            Assert.Equal(MemoryErrorCodes.StoreUnavailable, exception.Code);
            Assert.Contains("not a SkillRt memory store", exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(content, await File.ReadAllTextAsync(path, Ct));
    }

    [Fact]
    public void Invalid_options_are_refused_at_first_use_naming_each_option()
    {
        var services = new ServiceCollection();
        services.AddSkillMemory(o =>
        {
            o.DatabasePath = " ";
            o.MaxValueBytes = 10;
            o.EmbeddingDuplicateThreshold = 1.5;
            o.DecayHalfLife = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<ISkillMemory>());
        Assert.Contains("DatabasePath", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxValueBytes is 10: use 1024 to 67108864", exception.Message, StringComparison.Ordinal);
        Assert.Contains("EmbeddingDuplicateThreshold", exception.Message, StringComparison.Ordinal);
        Assert.Contains("DecayHalfLife", exception.Message, StringComparison.Ordinal);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
