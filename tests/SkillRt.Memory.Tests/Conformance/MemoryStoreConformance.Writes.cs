using System;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    [Fact]
    public async Task Upsert_stores_a_memory_that_get_returns_with_every_field()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(time: time);
        var result = await memory.UpsertAsync(Note("RTT returns 429 after 10 calls a second", key: "rate-limit", tags: ["rtt-api", "limits", "rtt-api"]), Ct);

        Assert.Equal(UpsertOutcome.Created, result.Outcome);
        var stored = result.Memory!;
        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        Assert.Equal(1, stored.Version);
        Assert.Equal(MemoryState.Live, stored.State);
        Assert.Equal(["limits", "rtt-api"], stored.Tags);
        Assert.Equal("RTT returns 429 after 10 calls a second\n/v1/rtt", stored.Text);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Equal(Start, stored.ValidFrom);
        Assert.Null(stored.ValidTo);
        Assert.Null(stored.LastReadAt);
        Assert.StartsWith("sha256:", stored.ContentHash, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(5));
        var read = await memory.GetAsync("acme/payments", stored.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal("rate-limit", read.Key);
        Assert.Equal("RTT returns 429 after 10 calls a second", read.Value.GetProperty("summary").GetString());
        Assert.Equal("rtt-explorer", read.Provenance.SkillName);
        Assert.Equal("1.2.0", read.Provenance.SkillVersion);
        Assert.Equal("tests", read.Provenance.Client);
        Assert.Equal(Start.AddMinutes(5), read.LastReadAt);

        // The read was recorded in the store, not only in the returned copy.
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Start.AddMinutes(10), (await memory.GetAsync("acme/payments", stored.Id, Ct))!.LastReadAt);
    }

    [Fact]
    public async Task A_memory_is_invisible_from_another_namespace()
    {
        var memory = NewMemory();
        var stored = (await memory.UpsertAsync(Note("secret", key: "k"), Ct)).Memory!;

        Assert.Null(await memory.GetAsync("acme/other", stored.Id, Ct));
        Assert.Empty(await memory.HistoryAsync("acme/other", stored.Id, Ct));
        Assert.False(await memory.ForgetAsync("acme/other", stored.Id, Ct));
        await Refused(() => memory.RestoreAsync("acme/other", stored.Id, Ct), MemoryErrorCodes.NotFound);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/other"] }, Ct)).Hits);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments/*"] }, Ct)).Hits);
        Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/*"] }, Ct)).Hits);
    }

    [Fact]
    public async Task A_key_makes_writes_deterministic_unchanged_updated_or_superseded_never_copied()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(time: time);
        var first = (await memory.UpsertAsync(Note("retries are capped at 3", key: "retries", tags: ["a"]), Ct)).Memory!;

        var same = await memory.UpsertAsync(Note("retries are capped at 3", key: "retries", tags: ["a"]), Ct);
        Assert.Equal(UpsertOutcome.Unchanged, same.Outcome);
        Assert.Equal(1, same.Memory!.Version);

        time.Advance(TimeSpan.FromHours(1));
        var tagged = await memory.UpsertAsync(Note("retries are capped at 3", key: "retries", tags: ["b"]), Ct);
        Assert.Equal(UpsertOutcome.Updated, tagged.Outcome);
        Assert.Equal(2, tagged.Memory!.Version);
        Assert.Equal(["a", "b"], tagged.Memory.Tags);
        Assert.Equal(first.Id, tagged.Memory.Id);

        time.Advance(TimeSpan.FromHours(1));
        var changed = await memory.UpsertAsync(Note("retries are capped at 5 since v2", key: "retries", tags: ["c"]), Ct);
        Assert.Equal(UpsertOutcome.Superseded, changed.Outcome);
        Assert.Equal(first.Id, changed.Memory!.Id);
        Assert.Equal(3, changed.Memory.Version);
        Assert.Equal(["c"], changed.Memory.Tags);
        Assert.Equal(Start.AddHours(2), changed.Memory.ValidFrom);
        Assert.Equal(Start, changed.Memory.CreatedAt);

        var history = await memory.HistoryAsync("acme/payments", first.Id, Ct);
        Assert.Equal([3L, 2L], history.Select(h => h.Version));
        Assert.Equal(MemoryState.Live, history[0].State);
        Assert.Null(history[0].ValidTo);
        Assert.Equal(MemoryState.Superseded, history[1].State);
        Assert.Equal("retries are capped at 3", history[1].Value.GetProperty("summary").GetString());
        Assert.Equal(Start.AddHours(2), history[1].ValidTo);
        Assert.Equal(Start, history[1].ValidFrom);

        var all = await All(memory, new MemoryQuery { Namespaces = ["acme/payments"] });
        Assert.Single(all);
    }

    [Fact]
    public async Task A_write_by_id_supersedes_that_memory_and_an_unknown_id_is_refused()
    {
        var memory = NewMemory();
        var stored = (await memory.UpsertAsync(Note("first"), Ct)).Memory!;
        var byId = await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Id = stored.Id, Value = TestKinds.NoteValue("second") }, Ct);
        Assert.Equal(UpsertOutcome.Superseded, byId.Outcome);
        Assert.Equal(stored.Id, byId.Memory!.Id);

        await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Id = new string('a', 32), Value = TestKinds.NoteValue("x") }, Ct), MemoryErrorCodes.NotFound);
        await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Id = "not-an-id", Value = TestKinds.NoteValue("x") }, Ct), MemoryErrorCodes.InvalidKey);
        await Refused(() => memory.GetAsync("acme/payments", "../etc", Ct), MemoryErrorCodes.InvalidKey);
    }

    [Fact]
    public async Task Forget_deletes_the_memory_and_its_history_for_good()
    {
        var memory = NewMemory();
        var stored = (await memory.UpsertAsync(Note("v1", key: "k", tags: ["t"]), Ct)).Memory!;
        await memory.UpsertAsync(Note("v2 is different", key: "k", tags: ["t"]), Ct);

        Assert.True(await memory.ForgetAsync("acme/payments", stored.Id, Ct));
        Assert.Null(await memory.GetAsync("acme/payments", stored.Id, Ct));
        Assert.Empty(await memory.HistoryAsync("acme/payments", stored.Id, Ct));
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Tags = ["t"] }, Ct)).Hits);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "different" }, Ct)).Hits);
        Assert.False(await memory.ForgetAsync("acme/payments", stored.Id, Ct));

        // The key is free again: a new memory, version 1.
        var again = await memory.UpsertAsync(Note("v3", key: "k"), Ct);
        Assert.Equal(UpsertOutcome.Created, again.Outcome);
        Assert.NotEqual(stored.Id, again.Memory!.Id);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_nothing_is_written()
    {
        var memory = NewMemory();
        var stored = (await memory.UpsertAsync(Note("v1", key: "k"), Ct)).Memory!;
        await memory.UpsertAsync(Note("v2 from someone else", key: "k"), Ct);

        var conflict = await Refused(() => memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Note, Key = "k", Value = TestKinds.NoteValue("v3 based on v1"), ExpectedVersion = stored.Version,
        }, Ct), MemoryErrorCodes.VersionConflict);
        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Contains("version 2", conflict.Message, StringComparison.Ordinal);

        var current = (await memory.GetAsync("acme/payments", stored.Id, Ct))!;
        Assert.Equal("v2 from someone else", current.Value.GetProperty("summary").GetString());

        // 0 means "must not exist yet".
        await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Key = "k", Value = TestKinds.NoteValue("x"), ExpectedVersion = 0 }, Ct), MemoryErrorCodes.VersionConflict);
        var created = await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Key = "new", Value = TestKinds.NoteValue("x"), ExpectedVersion = 0 }, Ct);
        Assert.Equal(UpsertOutcome.Created, created.Outcome);
        var next = await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Key = "k", Value = TestKinds.NoteValue("v3"), ExpectedVersion = 2 }, Ct);
        Assert.Equal(3, next.Memory!.Version);
    }
}
