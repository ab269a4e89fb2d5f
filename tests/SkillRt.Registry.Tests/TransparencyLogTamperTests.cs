using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Signing.Transparency;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Tampering with the log in the server's own SQLite database, as an attacker with the database (or a
/// dishonest operator) would, and the client library (<see cref="PackageLogVerifier"/>, what
/// <c>skillrt verify</c> runs) detecting it with a sentence saying what.
/// </summary>
public sealed class TransparencyLogTamperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rewritten_log_row_fails_inclusion()
    {
        await using var server = await ServerProcess.StartAsync();
        var packages = await PublishAsync(server, 5);
        using var http = server.CreateClient();
        var client = new TransparencyLogClient(http, new Uri(server.BaseUrl, "api/v2/transparency-log/"));
        var (key, _) = await client.GetKeyAsync(Ct);

        // The row of leaf 2 now says the package was published a day later; its SHA-512 still matches.
        Execute(server, "UPDATE registry_log_entries SET Entry = replace(Entry, 'published 20', 'published 19') WHERE LeafIndex = 2");

        var verification = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper2", "1.0.0", SHA512.HashData(packages[2]), key, null, Ct);
        Assert.True(verification.TamperDetected);
        var inclusion = verification.Checks.Single(c => c.Name == "inclusion");
        Assert.Equal(LogCheckStatus.Failed, inclusion.Status);
        Assert.Contains("the inclusion proof does not lead to the checkpoint's root", inclusion.Detail, StringComparison.Ordinal);

        // The untouched entries still verify.
        var untouched = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper3", "1.0.0", SHA512.HashData(packages[3]), key, null, Ct);
        Assert.True(untouched.Succeeded, string.Join("\n", untouched.Checks));
    }

    [Fact]
    public async Task A_history_rewritten_with_recomputed_hashes_and_re_signed_fails_consistency()
    {
        await using var server = await ServerProcess.StartAsync();
        var packages = await PublishAsync(server, 6);
        using var http = server.CreateClient();
        var client = new TransparencyLogClient(http, new Uri(server.BaseUrl, "api/v2/transparency-log/"));
        var (key, _) = await client.GetKeyAsync(Ct);
        var seen = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper5", "1.0.0", SHA512.HashData(packages[5]), key, null, Ct);
        Assert.True(seen.Succeeded, string.Join("\n", seen.Checks));

        // The operator rewrites entry 1 and recomputes every stored hash, so the tree is self-consistent and
        // the server signs it with its own key; then it appends another version.
        Execute(server, "UPDATE registry_log_entries SET Entry = replace(Entry, 'published 20', 'published 19') WHERE LeafIndex = 1");
        RebuildNodes(server);
        packages.AddRange(await PublishAsync(server, 1, first: 6));

        var later = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper6", "1.0.0", SHA512.HashData(packages[6]), key, seen.Checkpoint, Ct);
        Assert.Equal(LogCheckStatus.Passed, later.Checks.Single(c => c.Name == "checkpoint").Status);
        Assert.Equal(LogCheckStatus.Passed, later.Checks.Single(c => c.Name == "inclusion").Status);
        var consistency = later.Checks.Single(c => c.Name == "consistency");
        Assert.Equal(LogCheckStatus.Failed, consistency.Status);
        Assert.Contains("does not extend the tree of 6 leaves seen before: the first 6 entries were changed (history rewritten)", consistency.Detail, StringComparison.Ordinal);
        Assert.Null(later.Checkpoint);
    }

    [Fact]
    public async Task Dropped_entries_are_a_shrinking_log()
    {
        await using var server = await ServerProcess.StartAsync();
        var packages = await PublishAsync(server, 4);
        using var http = server.CreateClient();
        var client = new TransparencyLogClient(http, new Uri(server.BaseUrl, "api/v2/transparency-log/"));
        var (key, _) = await client.GetKeyAsync(Ct);
        var seen = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper1", "1.0.0", SHA512.HashData(packages[1]), key, null, Ct);
        Assert.True(seen.Succeeded);

        Execute(server, "DELETE FROM registry_log_entries WHERE LeafIndex >= 2");
        var later = await PackageLogVerifier.VerifyAsync(client, "Contoso.Tamper1", "1.0.0", SHA512.HashData(packages[1]), key, seen.Checkpoint, Ct);
        var consistency = later.Checks.Single(c => c.Name == "consistency");
        Assert.Equal(LogCheckStatus.Failed, consistency.Status);
        Assert.Contains("the log shrank: it showed 4 entries before and 2 now", consistency.Detail, StringComparison.Ordinal);
    }

    private static async Task<List<byte[]>> PublishAsync(ServerProcess server, int count, int first = 0)
    {
        var packages = new List<byte[]>();
        for (var i = first; i < first + count; i++)
        {
            var package = new SkillPackageBuilder($"Contoso.Tamper{i}", "1.0.0").AddStructuredSkill($"tamper-{i}", $"Skill {i}.").Build();
            using var response = await PushAsync(server, package, server.AdministratorKey);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            packages.Add(package);
        }

        return packages;
    }

    private static void Execute(ServerProcess server, string sql)
    {
        using var connection = Open(server);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }

    // What a registry rewriting history would do: every subtree hash recomputed from the (changed) entries.
    private static void RebuildNodes(ServerProcess server)
    {
        using var connection = Open(server);
        var tree = new MerkleTree();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Entry FROM registry_log_entries ORDER BY LeafIndex";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                tree.AppendData(System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)));
            }
        }

        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE registry_log_nodes SET Hash = $hash WHERE Level = $level AND \"Index\" = $index";
        var hash = update.Parameters.Add("$hash", SqliteType.Blob);
        var level = update.Parameters.Add("$level", SqliteType.Integer);
        var index = update.Parameters.Add("$index", SqliteType.Integer);
        for (var l = 0; (1L << l) <= tree.Size; l++)
        {
            for (var i = 0L; (i + 1) << l <= tree.Size; i++)
            {
                hash.Value = tree.SubtreeHash(new MerkleSubtree(l, i));
                level.Value = l;
                index.Value = i;
                Assert.Equal(1, update.ExecuteNonQuery());
            }
        }

        transaction.Commit();
    }

    private static SqliteConnection Open(ServerProcess server)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "skillrt.db")};Default Timeout=30;Pooling=False");
        connection.Open();
        return connection;
    }
}
