using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Signing.Transparency;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The cost of answering from a large log: 10,000 and 100,000 leaves written straight into the
/// server's tables (as the publish path would have), then checkpoints and proofs timed over HTTP and
/// verified. The answers cost O(log n) stored hashes, so they stay about as fast at 100k as at 10k;
/// the bound is generous (a loaded two-core machine) and catches a proof that rehashes the log.
/// </summary>
public sealed class TransparencyLogScaleTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public async Task Proofs_from_a_large_log_cost_a_few_stored_hashes(int leaves)
    {
        var data = Directory.CreateTempSubdirectory("skillrt-log-scale-").FullName;
        try
        {
            // First start: the schema and the key.
            await (await ServerProcess.StartAsync(data)).DisposeAsync();
            var tree = Populate(data, leaves);
            await using var server = await ServerProcess.StartAsync(data);
            using var http = server.CreateClient();
            var client = new TransparencyLogClient(http, new Uri(server.BaseUrl, "api/v2/transparency-log/"));
            var (key, _) = await client.GetKeyAsync(Ct);
            var random = new Random(leaves);

            var checkpointTimes = await TimeAsync(20, async () =>
            {
                var (note, _) = await client.GetCheckpointAsync(Ct);
                var checkpoint = Checkpoint.Open(note, key!, key!.Name, out var check);
                Assert.True(checkpoint is not null, check.Problem);
                Assert.Equal(tree.Root(leaves), checkpoint.RootHash.ToArray());
            });
            var inclusionTimes = await TimeAsync(100, async () =>
            {
                var index = random.NextInt64(leaves);
                var (proof, problem) = await client.GetInclusionProofAsync(index, leaves, Ct);
                Assert.True(proof is not null, problem);
                Assert.True(MerkleProof.VerifyInclusion(tree.SubtreeHash(new MerkleSubtree(0, index)), index, leaves, proof, tree.Root(leaves)).IsValid);
            });
            var consistencyTimes = await TimeAsync(100, async () =>
            {
                var from = random.NextInt64(1, leaves);
                var (proof, problem) = await client.GetConsistencyProofAsync(from, leaves, Ct);
                Assert.True(proof is not null, problem);
                Assert.True(MerkleProof.VerifyConsistency(from, tree.Root(from), leaves, tree.Root(leaves), proof).IsValid);
            });

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{leaves} leaves: checkpoint p50 {Median(checkpointTimes):F2} ms, inclusion p50 {Median(inclusionTimes):F2} ms, consistency p50 {Median(consistencyTimes):F2} ms (over HTTP, verified)"));
            Assert.True(Median(inclusionTimes) < 100 && Median(consistencyTimes) < 100 && Median(checkpointTimes) < 100, "a proof from the log took over 100 ms at the median");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static MerkleTree Populate(string data, int leaves)
    {
        var tree = new MerkleTree();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "skillrt.db")};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = "INSERT INTO registry_log_entries (LeafIndex, NormalizedId, NormalizedVersion, VersionId, Entry, AppendedAt) VALUES ($i, $id, '1.0.0', $v, $e, '2026-12-07 00:00:00')";
        var entryIndex = entry.Parameters.Add("$i", SqliteType.Integer);
        var entryId = entry.Parameters.Add("$id", SqliteType.Text);
        var versionId = entry.Parameters.Add("$v", SqliteType.Text);
        var text = entry.Parameters.Add("$e", SqliteType.Text);
        using var node = connection.CreateCommand();
        node.Transaction = transaction;
        node.CommandText = "INSERT INTO registry_log_nodes (Id, Level, \"Index\", Hash) VALUES ($id, $l, $i, $h)";
        var nodeId = node.Parameters.Add("$id", SqliteType.Integer);
        var level = node.Parameters.Add("$l", SqliteType.Integer);
        var index = node.Parameters.Add("$i", SqliteType.Integer);
        var hash = node.Parameters.Add("$h", SqliteType.Blob);
        var sha = new byte[64];
        for (var i = 0; i < leaves; i++)
        {
            BitConverter.TryWriteBytes(sha, i);
            var body = new LogEntry($"Scale.P{i}", "1.0.0", sha, null, new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)).Format();
            entryIndex.Value = i;
            entryId.Value = $"scale.p{i}";
            versionId.Value = Guid.NewGuid().ToString();
            text.Value = body;
            entry.ExecuteNonQuery();
            var siblings = MerkleRanges.SiblingsForAppend(i).Select(tree.SubtreeHash).ToList();
            foreach (var (subtree, value) in MerkleRanges.Append(i, MerkleHash.Leaf(Encoding.UTF8.GetBytes(body)), siblings))
            {
                nodeId.Value = ((long)subtree.Level << 48) | subtree.Index;
                level.Value = subtree.Level;
                index.Value = subtree.Index;
                hash.Value = value;
                node.ExecuteNonQuery();
            }

            tree.AppendData(Encoding.UTF8.GetBytes(body));
        }

        transaction.Commit();
        return tree;
    }

    private static async Task<List<double>> TimeAsync(int count, Func<Task> request)
    {
        await request();
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await request();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
}
