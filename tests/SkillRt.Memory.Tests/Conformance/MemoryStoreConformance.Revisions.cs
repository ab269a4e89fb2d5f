using System;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    [Fact]
    public async Task Each_revision_keeps_its_own_provenance_and_validity()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(time: time);
        var first = (await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Fact, Key = "k", Value = TestKinds.Json("\"v1\""),
            Provenance = new MemoryProvenance { ApiKeyId = "key-1", Client = "claude-code" },
            ValidFrom = Start.AddDays(-3),
        }, Ct)).Memory!;
        time.Advance(TimeSpan.FromDays(1));
        await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Fact, Key = "k", Value = TestKinds.Json("\"v2\""),
            Provenance = new MemoryProvenance { SkillName = "rtt-explorer", SkillVersion = "2.0.0" },
        }, Ct);

        var history = await memory.HistoryAsync("acme/payments", first.Id, Ct);
        Assert.Equal("rtt-explorer", history[0].Provenance.SkillName);
        Assert.Null(history[0].Provenance.ApiKeyId);
        Assert.Equal(Start.AddDays(1), history[0].ValidFrom);
        Assert.Equal("key-1", history[1].Provenance.ApiKeyId);
        Assert.Equal("claude-code", history[1].Provenance.Client);
        Assert.Equal(Start.AddDays(-3), history[1].ValidFrom);
        Assert.Equal(Start.AddDays(1), history[1].ValidTo);

        await Refused(() => memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json("\"x\""), Provenance = new MemoryProvenance { Client = new string('c', 300) },
        }, Ct), MemoryErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Writing_the_exact_content_of_an_archived_keyless_memory_revives_it()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(time: time);
        var stored = (await memory.UpsertAsync(Note("settles at five"), Ct)).Memory!;
        time.Advance(TimeSpan.FromDays(60));
        Assert.Equal(1, (await memory.DecayAsync(TimeSpan.FromDays(30), cancellationToken: Ct)).Count);

        var again = await memory.UpsertAsync(Note("settles at five"), Ct);
        Assert.Equal(UpsertOutcome.MergedExactDuplicate, again.Outcome);
        Assert.Equal(stored.Id, again.Memory!.Id);
        Assert.Equal(MemoryState.Live, again.Memory.State);
        Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
    }

    [Fact]
    public async Task Memories_written_before_a_generator_was_registered_get_a_vector_when_written_again()
    {
        var plain = NewMemory(storeName: "backfill");
        await plain.UpsertAsync(Note("rate limit is ten requests per second", key: "rate"), Ct);

        var embedded = NewMemory(embeddings: new WordHashEmbeddingGenerator(), storeName: "backfill");
        var query = new MemoryQuery { Namespaces = ["acme/payments"], SimilarTo = "rate limit ten requests per second" };
        Assert.Empty((await embedded.FindAsync(query, Ct)).Hits);

        var unchanged = await embedded.UpsertAsync(Note("rate limit is ten requests per second", key: "rate"), Ct);
        Assert.Equal(UpsertOutcome.Unchanged, unchanged.Outcome);
        Assert.Equal(1, unchanged.Memory!.Version);
        Assert.Equal("rate", Assert.Single((await embedded.FindAsync(query, Ct)).Hits).Memory.Key);
    }

    [Fact]
    public async Task A_cancelled_write_stores_nothing()
    {
        var memory = NewMemory();
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => memory.UpsertAsync(Note("never"), cancelled.Token));
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
    }
}
