using System;
using SkillRt.Memory.Duplicates;
using SkillRt.Memory.Querying;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Units;

public sealed class ContentRulesTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1.50,"x"]}""", """{ "b": [1.5, "x"], "a": 1.0 }""")]
    [InlineData("""{"n":100}""", """{"n":1E2}""")]
    [InlineData("\"caf\\u00e9\"", "\"café\"")]
    public void Canonical_json_spells_equal_values_the_same(string a, string b) =>
        Assert.Equal(CanonicalJson.Write(TestKinds.Json(a)), CanonicalJson.Write(TestKinds.Json(b)));

    [Fact]
    public void The_content_hash_sees_kind_value_and_normalised_text_but_not_white_space_or_case()
    {
        var value = TestKinds.Json("""{"a":1}""");
        var hash = ContentHash.Compute("note", value, "Hello  World");
        Assert.Equal(hash, ContentHash.Compute("note", TestKinds.Json("""{ "a" : 1 }"""), " hello world\n"));
        Assert.NotEqual(hash, ContentHash.Compute("other", value, "Hello World"));
        Assert.NotEqual(hash, ContentHash.Compute("note", TestKinds.Json("""{"a":2}"""), "Hello World"));
        Assert.NotEqual(hash, ContentHash.Compute("note", value, "Hello Worlds"));
    }

    [Fact]
    public void Lexical_similarity_is_high_for_near_texts_and_low_for_unrelated_ones()
    {
        var a = LexicalSimilarity.Trigrams("The sandbox rejects requests without an idempotency key");
        Assert.Equal(1, LexicalSimilarity.Jaccard(a, LexicalSimilarity.Trigrams("the SANDBOX rejects requests  without an idempotency key")));
        Assert.True(LexicalSimilarity.Jaccard(a, LexicalSimilarity.Trigrams("The sandbox rejected requests without an idempotency key")) > 0.8);
        Assert.True(LexicalSimilarity.Jaccard(a, LexicalSimilarity.Trigrams("Settlement happens at five every weekday")) < 0.2);
    }

    [Theory]
    [InlineData("$", "$")]
    [InlineData("$.a.b_c-d", "$.\"a\".\"b_c-d\"")]
    [InlineData("$.items[12].name", "$.\"items\"[12].\"name\"")]
    [InlineData("$[\"with space.and.dots\"]", "$.\"with space.and.dots\"")]
    public void Value_paths_become_sqlite_paths_with_every_name_quoted(string path, string expected)
    {
        Assert.True(ValuePath.TryToSqlite(path, out var sqlitePath, out var problem), problem);
        Assert.Equal(expected, sqlitePath);
    }

    [Fact]
    public void A_value_path_has_at_most_16_steps() =>
        Assert.False(ValuePath.TryToSqlite("$" + string.Concat(System.Linq.Enumerable.Repeat(".a", 17)), out _, out _));

    [Fact]
    public void Cursors_round_trip_and_refuse_another_key_or_query()
    {
        var codec = new CursorCodec(new byte[32]);
        var position = new CursorPosition("q1", 5, 6, 0.1 + 0.2, "abc");
        var encoded = codec.Encode(position);
        Assert.Equal(position, codec.Decode(encoded, "q1"));
        Assert.Equal(MemoryErrorCodes.InvalidCursor, Assert.Throws<MemoryException>(() => codec.Decode(encoded, "q2")).Code);
        var otherKey = new byte[32];
        otherKey[0] = 1;
        Assert.Equal(MemoryErrorCodes.InvalidCursor, Assert.Throws<MemoryException>(() => new CursorCodec(otherKey).Decode(encoded, "q1")).Code);
    }

    [Fact]
    public void Freshness_halves_every_half_life()
    {
        var halfLife = TimeSpan.FromDays(30);
        Assert.Equal(1, SkillRt.Memory.Decay.Freshness.Of(TimeSpan.Zero, halfLife));
        Assert.Equal(0.5, SkillRt.Memory.Decay.Freshness.Of(halfLife, halfLife), 10);
        Assert.Equal(0.25, SkillRt.Memory.Decay.Freshness.Of(halfLife * 2, halfLife), 10);
        Assert.Equal(0.85, SkillRt.Memory.Decay.Freshness.Weigh(1, 0.5, 0.3), 10);
    }
}
