using System.Linq;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    private const string Sentence = "The RTT sandbox rejects requests without an idempotency key header";
    private const string NearSentence = "The RTT sandbox rejects requests without an idempotency-key header!";

    [Fact]
    public async Task A_keyless_exact_duplicate_after_normalisation_merges_into_the_existing_memory()
    {
        var memory = NewMemory();
        var first = await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Note, Tags = ["a"],
            Value = TestKinds.Json("""{ "summary": "Fees are 1.50 EUR", "retries": 1.0 }"""),
        }, Ct);
        var second = await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Note, Tags = ["b"],
            // Other member order, another spelling of the same numbers, other white space and case in the text form.
            Value = TestKinds.Json("""{"retries":1,"summary":"Fees are 1.50 EUR"}"""), Text = "  FEES are 1.50   eur ",
        }, Ct);

        Assert.Equal(UpsertOutcome.MergedExactDuplicate, second.Outcome);
        Assert.Equal(first.Memory!.Id, second.Memory!.Id);
        Assert.Equal(["a", "b"], second.Memory.Tags);
        var match = Assert.Single(second.Duplicates);
        Assert.Equal(first.Memory.Id, match.Id);
        Assert.Equal(SimilarityMethod.Exact, match.Method);
        Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);

        // The same content in another namespace is another memory.
        var elsewhere = await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/other", Kind = TestKinds.Note, Value = TestKinds.Json("""{"summary":"Fees are 1.50 EUR","retries":1}""") }, Ct);
        Assert.Equal(UpsertOutcome.Created, elsewhere.Outcome);
    }

    [Theory]
    [InlineData(DuplicatePolicy.Merge)]
    [InlineData(DuplicatePolicy.KeepBoth)]
    [InlineData(DuplicatePolicy.Reject)]
    public async Task A_lexical_near_duplicate_is_reported_and_the_policy_applies(DuplicatePolicy policy)
    {
        var memory = NewMemory(o => o.DuplicatePolicy = policy);
        var original = (await memory.UpsertAsync(Note(Sentence, tags: ["x"]), Ct)).Memory!;
        await memory.UpsertAsync(Note("Settlement happens at 17:00 CET on business days", tags: ["y"]), Ct);

        var result = await memory.UpsertAsync(Note(NearSentence, tags: ["z"]), Ct);

        var match = Assert.Single(result.Duplicates);
        Assert.Equal(original.Id, match.Id);
        Assert.Equal(SimilarityMethod.Lexical, match.Method);
        Assert.InRange(match.Similarity, 0.8, 0.99);
        Assert.Equal(policy, result.Policy);
        var all = await All(memory, new MemoryQuery { Namespaces = ["acme/payments"] });
        switch (policy)
        {
            case DuplicatePolicy.Merge:
                Assert.Equal(UpsertOutcome.MergedNearDuplicate, result.Outcome);
                Assert.Equal(original.Id, result.Memory!.Id);
                Assert.Equal(NearSentence, result.Memory.Value.GetProperty("summary").GetString());
                Assert.Equal(["x", "z"], result.Memory.Tags);
                Assert.Equal(2, all.Count);
                Assert.Equal(2, (await memory.HistoryAsync("acme/payments", original.Id, Ct)).Count);
                break;
            case DuplicatePolicy.KeepBoth:
                Assert.Equal(UpsertOutcome.Created, result.Outcome);
                Assert.NotEqual(original.Id, result.Memory!.Id);
                Assert.Equal(3, all.Count);
                break;
            default:
                Assert.Equal(UpsertOutcome.RejectedAsDuplicate, result.Outcome);
                Assert.Null(result.Memory);
                Assert.Equal(2, all.Count);
                break;
        }
    }

    [Fact]
    public async Task The_write_can_override_the_policy_and_other_kinds_are_never_duplicates()
    {
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.Merge);
        await memory.UpsertAsync(Note(Sentence), Ct);
        var kept = await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Note, Value = TestKinds.NoteValue(NearSentence), DuplicatePolicy = DuplicatePolicy.KeepBoth,
        }, Ct);
        Assert.Equal(UpsertOutcome.Created, kept.Outcome);
        Assert.Single(kept.Duplicates);

        var fact = await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json($"\"{Sentence}\"") }, Ct);
        Assert.Equal(UpsertOutcome.Created, fact.Outcome);
        Assert.Empty(fact.Duplicates);
    }

    [Fact]
    public async Task Merging_never_changes_a_key_a_keyed_write_near_another_key_is_kept_and_reported()
    {
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.Merge);
        var keyed = (await memory.UpsertAsync(Note(Sentence, key: "idempotency"), Ct)).Memory!;
        var other = await memory.UpsertAsync(Note(NearSentence, key: "idempotency-2"), Ct);
        Assert.Equal(UpsertOutcome.Created, other.Outcome);
        Assert.Equal(keyed.Id, Assert.Single(other.Duplicates).Id);

        // A keyless memory near a keyed write takes the write (and its key).
        var memory2 = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.Merge, storeName: "second");
        var keyless = (await memory2.UpsertAsync(Note(Sentence), Ct)).Memory!;
        var adopted = await memory2.UpsertAsync(Note(NearSentence, key: "idempotency"), Ct);
        Assert.Equal(UpsertOutcome.MergedNearDuplicate, adopted.Outcome);
        Assert.Equal(keyless.Id, adopted.Memory!.Id);
        Assert.Equal("idempotency", adopted.Memory.Key);
    }

    [Fact]
    public async Task With_an_embedding_generator_near_duplicates_are_found_by_embedding_similarity()
    {
        var embeddings = new WordHashEmbeddingGenerator();
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.KeepBoth, embeddings);
        var original = (await memory.UpsertAsync(Note("sandbox rejects requests missing idempotency key"), Ct)).Memory!;
        await memory.UpsertAsync(Note("settlement happens at five in the afternoon"), Ct);

        // Reordered words: lexically far (trigrams across word boundaries differ), equal bags of words.
        var result = await memory.UpsertAsync(Note("idempotency key missing: sandbox rejects requests"), Ct);
        var match = Assert.Single(result.Duplicates);
        Assert.Equal(original.Id, match.Id);
        Assert.Equal(SimilarityMethod.Embedding, match.Method);
        Assert.True(match.Similarity > 0.99, $"similarity {match.Similarity}");
        Assert.True(embeddings.Calls >= 3);
    }
}
