using System;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    [Fact]
    public async Task Decay_archives_what_is_unused_a_dry_run_changes_nothing_and_restore_brings_it_back()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(o => o.DecayHalfLife = TimeSpan.FromDays(30), time: time);
        var old = (await memory.UpsertAsync(Note("old and unused", key: "old"), Ct)).Memory!;
        var read = (await memory.UpsertAsync(Note("old but read lately", key: "read"), Ct)).Memory!;
        var other = (await memory.UpsertAsync(Note("old in another namespace", key: "other", ns: "acme/shared"), Ct)).Memory!;
        time.Advance(TimeSpan.FromDays(40));
        await memory.GetAsync("acme/payments", read.Id, Ct);
        var fresh = (await memory.UpsertAsync(Note("new", key: "new"), Ct)).Memory!;
        time.Advance(TimeSpan.FromDays(1));

        var dry = await memory.DecayAsync(new DecayRequest { OlderThan = TimeSpan.FromDays(30), DryRun = true, Namespaces = ["acme/payments"] }, Ct);
        Assert.True(dry.DryRun);
        Assert.Equal(1, dry.Count);
        var listed = Assert.Single(dry.Memories);
        Assert.Equal(old.Id, listed.Id);
        Assert.Equal("old", listed.Key);
        Assert.Equal(Start, listed.LastUsedAt);
        Assert.InRange(listed.Freshness, 0.38, 0.40); // 2^(-41/30)
        Assert.Equal(MemoryState.Live, (await memory.GetAsync("acme/payments", old.Id, Ct))!.State);

        // That get was a read: decay no longer takes it. Age it again.
        time.Advance(TimeSpan.FromDays(31));
        var run = await memory.DecayAsync(new DecayRequest { OlderThan = TimeSpan.FromDays(30), Namespaces = ["acme/payments"] }, Ct);
        Assert.False(run.DryRun);
        Assert.Equal(new[] { old.Id, fresh.Id, read.Id }.Order(StringComparer.Ordinal), run.Memories.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(MemoryState.Live, (await memory.GetAsync("acme/shared", other.Id, Ct))!.State);

        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
        var archived = await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], IncludeArchived = true }, Ct);
        Assert.Equal(3, archived.Hits.Count);
        Assert.All(archived.Hits, h => Assert.Equal(MemoryState.Archived, h.Memory.State));
        Assert.All(archived.Hits, h => Assert.Equal(time.GetUtcNow(), h.Memory.ArchivedAt));

        var restored = await memory.RestoreAsync("acme/payments", old.Id, Ct);
        Assert.Equal(MemoryState.Live, restored.State);
        Assert.Null(restored.ArchivedAt);
        Assert.Equal("old and unused", restored.Value.GetProperty("summary").GetString());
        Assert.Equal(["old"], (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits.Select(h => h.Memory.Key));
        // Restored memories count as used now: the next decay leaves them.
        Assert.Equal(0, (await memory.DecayAsync(TimeSpan.FromDays(30), dryRun: true, Ct)).Memories.Count(m => m.Id == old.Id));

        // A write with the key of an archived memory revives it too.
        var revived = await memory.UpsertAsync(Note("new content for read", key: "read"), Ct);
        Assert.Equal(UpsertOutcome.Superseded, revived.Outcome);
        Assert.Equal(MemoryState.Live, revived.Memory!.State);

        // Every namespace when none is named.
        time.Advance(TimeSpan.FromDays(400));
        Assert.Equal(3, (await memory.DecayAsync(TimeSpan.FromDays(30), dryRun: true, Ct)).Count);
    }

    [Fact]
    public async Task Freshness_weighs_ranking_a_recently_used_memory_ranks_above_an_equally_relevant_stale_one()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(o => { o.DuplicatePolicy = DuplicatePolicy.KeepBoth; o.RankingFreshnessWeight = 0.5; }, time: time);
        var stale = (await memory.UpsertAsync(Note("ledger export format", key: "a"), Ct)).Memory!;
        time.Advance(TimeSpan.FromDays(90));
        var used = (await memory.UpsertAsync(Note("ledger export format", key: "b"), Ct)).Memory!;

        var hits = (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "ledger" }, Ct)).Hits;
        Assert.Equal([used.Id, stale.Id], hits.Select(h => h.Memory.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }
}
