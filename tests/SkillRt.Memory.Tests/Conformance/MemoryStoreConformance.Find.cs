using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    private async Task<(ISkillMemory Memory, ManualTimeProvider Time)> SeededAsync(WordHashEmbeddingGenerator? embeddings = null, string storeName = "seeded")
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.KeepBoth, embeddings, time, storeName);
        await memory.UpsertAsync(Note("Refunds take five business days", key: "refunds", tags: ["rtt-api", "refunds"], retries: 0, endpoint: "/v1/refunds"), Ct);
        time.Advance(TimeSpan.FromHours(1));
        await memory.UpsertAsync(Note("Rate limit is ten requests per second", key: "rate", tags: ["rtt-api", "limits"], retries: 3, endpoint: "/v1/rtt"), Ct);
        time.Advance(TimeSpan.FromHours(1));
        await memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Note, Key = "labels", Tags = ["limits"],
            Value = TestKinds.Json("""{ "summary": "Webhooks retry with exponential backoff", "retries": 7, "stable": false, "labels": ["webhooks", "retry"], "extra": null }"""),
        }, Ct);
        time.Advance(TimeSpan.FromHours(1));
        await memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json("\"The sandbox resets every night\""), Tags = ["sandbox"] }, Ct);
        await memory.UpsertAsync(Note("Refunds in the shared space", ns: "acme/shared", tags: ["rtt-api"]), Ct);
        return (memory, time);
    }

    private static string[] Keys(MemoryPage page) => page.Hits.Select(h => h.Memory.Key ?? "-").ToArray();

    [Fact]
    public async Task Find_by_tags_kinds_and_key()
    {
        var (memory, _) = await SeededAsync();
        Assert.Equal(["rate", "refunds"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Tags = ["rtt-api"] }, Ct)));
        Assert.Equal(["rate"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Tags = ["rtt-api", "limits"] }, Ct)));
        Assert.Equal(["-"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Kinds = [TestKinds.Fact] }, Ct)));
        Assert.Equal(["labels", "rate", "refunds"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Kinds = [TestKinds.Note] }, Ct)));
        Assert.Equal(["rate"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Key = "rate" }, Ct)));
        Assert.Single((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments", "acme/shared"], Tags = ["refunds", "rtt-api"] }, Ct)).Hits);
        Assert.Equal(3, (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/*"], Tags = ["rtt-api"] }, Ct)).Hits.Count);
    }

    [Theory]
    [InlineData("$.retries", FilterOperator.Equal, "3", "rate")]
    [InlineData("$.retries", FilterOperator.Equal, "3.0", "rate")]
    [InlineData("$.retries", FilterOperator.Equal, "\"3\"", "")]
    [InlineData("$.retries", FilterOperator.NotEqual, "3", "labels,refunds")]
    [InlineData("$.retries", FilterOperator.GreaterThan, "0", "labels,rate")]
    [InlineData("$.retries", FilterOperator.GreaterThanOrEqual, "3", "labels,rate")]
    [InlineData("$.retries", FilterOperator.LessThan, "3", "refunds")]
    [InlineData("$.retries", FilterOperator.LessThanOrEqual, "3", "rate,refunds")]
    [InlineData("$.endpoint", FilterOperator.LessThan, "\"/v1/rtt\"", "refunds")]
    [InlineData("$.retries", FilterOperator.In, "[0, 7]", "labels,refunds")]
    [InlineData("$.stable", FilterOperator.Equal, "false", "labels")]
    [InlineData("$.stable", FilterOperator.Equal, "true", "rate,refunds")]
    [InlineData("$.stable", FilterOperator.Equal, "1", "")]
    [InlineData("$.extra", FilterOperator.Equal, "null", "labels")]
    [InlineData("$.extra", FilterOperator.Exists, "null", "labels")]
    [InlineData("$.endpoint", FilterOperator.Exists, "null", "rate,refunds")]
    [InlineData("$.summary", FilterOperator.Contains, "\"per second\"", "rate")]
    [InlineData("$.labels", FilterOperator.Contains, "\"retry\"", "labels")]
    [InlineData("$.labels[0]", FilterOperator.Equal, "\"webhooks\"", "labels")]
    [InlineData("$[\"summary\"]", FilterOperator.Equal, "\"Refunds take five business days\"", "refunds")]
    public async Task Find_by_value_filters(string path, FilterOperator op, string operand, string expected)
    {
        var (memory, _) = await SeededAsync();
        var page = await memory.FindAsync(new MemoryQuery
        {
            Namespaces = ["acme/payments"], Kinds = [TestKinds.Note],
            Filters = [new MemoryFilter { Path = path, Operator = op, Value = TestKinds.Json(operand) }],
        }, Ct);
        Assert.Equal(expected, string.Join(',', Keys(page).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Find_by_full_text_ranks_by_relevance_and_needs_every_word()
    {
        var (memory, _) = await SeededAsync();
        var page = await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "refunds" }, Ct);
        Assert.Equal(["refunds"], Keys(page));
        Assert.True(page.Hits[0].Score > 0);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "refunds webhooks" }, Ct)).Hits);
        // Quotes, operators and column filters are words to search for, never FTS syntax.
        Assert.Equal(["rate"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "\"RATE\" limit* second:" }, Ct)));
        Assert.Equal(["rate", "refunds"], Keys(await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "v1" }, Ct)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Find_by_semantic_similarity_uses_embeddings_or_lexical_similarity()
    {
        var (lexical, _) = await SeededAsync();
        var page = await lexical.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], SimilarTo = "rate limit: ten requests each second", PageSize = 2 }, Ct);
        Assert.Equal("rate", page.Hits[0].Memory.Key);
        Assert.True(page.Hits[0].Similarity > page.Hits[1].Similarity);

        var (semantic, _) = await SeededAsync(new WordHashEmbeddingGenerator(), "embedded");
        var hits = (await semantic.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], SimilarTo = "second per requests ten is limit rate", MinSimilarity = 0.8 }, Ct)).Hits;
        Assert.Equal("rate", Assert.Single(hits).Memory.Key);
    }

    [Fact]
    public async Task Find_by_time_range_on_each_time()
    {
        var (memory, time) = await SeededAsync();
        var updated = await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], TimeRange = new MemoryTimeRange { From = Start.AddMinutes(30), To = Start.AddHours(2) } }, Ct);
        Assert.Equal(["rate"], Keys(updated));
        var created = await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], TimeRange = new MemoryTimeRange { Field = MemoryTimeField.Created, To = Start.AddMinutes(1) } }, Ct);
        Assert.Equal(["refunds"], Keys(created));

        var refunds = (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Key = "refunds" }, Ct)).Hits[0].Memory;
        time.Advance(TimeSpan.FromDays(1));
        await memory.GetAsync("acme/payments", refunds.Id, Ct);
        var read = await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], TimeRange = new MemoryTimeRange { Field = MemoryTimeField.LastRead, From = Start.AddHours(12) } }, Ct);
        Assert.Equal(["refunds"], Keys(read));
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], TimeRange = new MemoryTimeRange { From = Start, To = Start } }, Ct), MemoryErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Cursor_paging_returns_every_hit_once_in_order_by_time_and_by_rank()
    {
        var time = new ManualTimeProvider(Start);
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.KeepBoth, time: time);
        for (var i = 0; i < 25; i++)
        {
            // Pairs share an update time, so the id breaks ties.
            if (i % 2 == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            await memory.UpsertAsync(Note($"alpha note number {i} {new string('z', i)}", key: $"k{i:00}"), Ct);
        }

        foreach (var query in new[]
        {
            new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 7 },
            new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 7, Text = "alpha note" },
            new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 7, SimilarTo = "alpha note number 3" },
        })
        {
            var pages = 0;
            var page = await memory.FindAsync(query, Ct);
            var keys = page.Hits.Select(h => h.Memory.Key!).ToList();
            while (page.NextCursor is { } cursor)
            {
                pages++;
                // A write between pages neither repeats nor skips hits of the ones already ordered.
                page = await memory.FindAsync(Copy(query, cursor), Ct);
                keys.AddRange(page.Hits.Select(h => h.Memory.Key!));
            }

            Assert.Equal(3, pages);
            Assert.Equal(25, keys.Count);
            Assert.Equal(25, keys.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_tampered_foreign_or_reused_cursor_is_refused()
    {
        var memory = NewMemory();
        for (var i = 0; i < 3; i++)
        {
            await memory.UpsertAsync(Note($"note {i}", key: $"k{i}"), Ct);
        }

        var query = new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 1 };
        var cursor = (await memory.FindAsync(query, Ct)).NextCursor!;
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(cursor[..dot])));
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload.Replace("\"i\":\"", "\"i\":\"0", StringComparison.Ordinal))).TrimEnd('=').Replace('+', '-').Replace('/', '_') + cursor[dot..];

        foreach (var bad in new[] { forged, cursor[..^2] + (cursor[^2] == 'A' ? "BB" : "AA"), "garbage", "a.b", "", cursor + "." })
        {
            var exception = await Refused(() => memory.FindAsync(Copy(query, bad), Ct), MemoryErrorCodes.InvalidCursor);
            Assert.Contains("without a cursor", exception.Message, StringComparison.Ordinal);
        }

        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Tags = ["x"], Cursor = cursor }, Ct), MemoryErrorCodes.InvalidCursor);
        var other = NewMemory(storeName: "other");
        await other.UpsertAsync(Note("note"), Ct);
        await Refused(() => other.FindAsync(Copy(query, cursor), Ct), MemoryErrorCodes.InvalidCursor);

        // Unchanged, it still works; a page size change is allowed.
        Assert.Single((await memory.FindAsync(Copy(query, cursor), Ct)).Hits);

        static string Pad(string text) => text.Replace('-', '+').Replace('_', '/') + (text.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
    }

    [Fact]
    public async Task A_token_budget_trims_the_page_and_the_cursor_continues_without_loss()
    {
        var memory = NewMemory(o => o.DuplicatePolicy = DuplicatePolicy.KeepBoth);
        for (var i = 0; i < 6; i++)
        {
            await memory.UpsertAsync(Note($"memory {i} " + new string('w', 400), key: $"k{i}"), Ct);
        }

        var query = new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 6, TokenBudget = 500 };
        var page = await memory.FindAsync(query, Ct);
        Assert.True(page.TruncatedByBudget);
        Assert.InRange(page.Hits.Count, 1, 5);
        Assert.True(page.EstimatedTokens <= 500);
        Assert.Equal(page.Hits.Sum(h => h.EstimatedTokens), page.EstimatedTokens);
        Assert.NotNull(page.NextHitTokens);
        var all = await All(memory, query);
        Assert.Equal(6, all.Select(h => h.Memory.Key).Distinct().Count());

        var tiny = await memory.FindAsync(Copy(query, null, tokenBudget: 10), Ct);
        Assert.Empty(tiny.Hits);
        Assert.True(tiny.TruncatedByBudget);
        Assert.True(tiny.NextHitTokens > 10);
        var next = await memory.FindAsync(Copy(query, tiny.NextCursor, tokenBudget: tiny.NextHitTokens), Ct);
        Assert.Single(next.Hits);
        Assert.Equal(page.Hits[0].Memory.Id, next.Hits[0].Memory.Id);
    }
}
