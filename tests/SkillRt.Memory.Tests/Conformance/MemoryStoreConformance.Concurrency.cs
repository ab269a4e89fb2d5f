using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    [Fact]
    public async Task Eight_concurrent_writers_with_overlapping_keys_lose_nothing_and_duplicate_nothing()
    {
        const int Writers = 8, Writes = 250, Keys = 40;
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.KeepBoth);
        var acknowledged = new ConcurrentBag<(string Key, string Summary)>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < Writes; i++)
            {
                var key = $"key-{(writer * 7 + i) % Keys}";
                var summary = $"writer {writer} write {i}";
                var result = await memory.UpsertAsync(Note(summary, key: key, tags: [$"w{writer}"]), Ct);
                Assert.Contains(result.Outcome, new[] { UpsertOutcome.Created, UpsertOutcome.Superseded });
                acknowledged.Add((key, summary));
            }
        }, Ct)));

        var live = await All(memory, new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 200 });
        Assert.Equal(Keys, live.Count);
        Assert.Equal(Keys, live.Select(h => h.Memory.Key).Distinct().Count());

        // Every acknowledged write is a revision of its key's memory: current or in the history. None twice.
        var revisions = new List<(string Key, string Summary)>();
        foreach (var hit in live)
        {
            var history = await memory.HistoryAsync("acme/payments", hit.Memory.Id, Ct);
            Assert.Equal(Enumerable.Range(1, history.Count).Reverse().Select(v => (long)v), history.Select(h => h.Version));
            revisions.AddRange(history.Select(h => (h.Key!, h.Value.GetProperty("summary").GetString()!)));
        }

        Assert.Equal(Writers * Writes, revisions.Count);
        Assert.Equal(acknowledged.Order(), revisions.Order());
    }

    [Fact]
    public async Task Concurrent_read_modify_write_with_expected_versions_never_loses_an_increment()
    {
        const int Writers = 8, Increments = 25;
        var memory = NewMemory();
        await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Key = "counter", Value = TestKinds.Json("""{ "summary": "count", "retries": 0 }""") }, Ct);
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                while (true)
                {
                    var current = (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Key = "counter" }, Ct)).Hits[0].Memory;
                    var next = current.Value.GetProperty("retries").GetInt32() + 1;
                    try
                    {
                        await memory.UpsertAsync(new MemoryWrite
                        {
                            Namespace = "acme/payments", Kind = TestKinds.Note, Key = "counter", ExpectedVersion = current.Version,
                            Value = JsonSerializer.SerializeToElement(new { summary = "count", retries = next }),
                        }, Ct);
                        break;
                    }
                    catch (MemoryException exception) when (exception.Code == MemoryErrorCodes.VersionConflict)
                    {
                        System.Threading.Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }, Ct)));

        var counter = (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Key = "counter" }, Ct)).Hits[0].Memory;
        Assert.Equal(Writers * Increments, counter.Value.GetProperty("retries").GetInt32());
        Assert.Equal(Writers * Increments + 1, counter.Version);
    }

    [Fact]
    public async Task Concurrent_keyless_writes_of_the_same_content_make_one_memory()
    {
        var memory = NewMemory();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => memory.UpsertAsync(Note("the same finding", tags: [$"t{i}"]), Ct), Ct)));
        Assert.Single(results, r => r.Outcome == UpsertOutcome.Created);
        Assert.Single(results.Select(r => r.Memory!.Id).Distinct());
        var stored = Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits).Memory;
        Assert.Equal(16, stored.Tags.Count);
    }
}
