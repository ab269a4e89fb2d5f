using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

public abstract partial class MemoryStoreConformance
{
    [Fact]
    public async Task A_value_that_breaks_its_kinds_schema_is_refused_with_each_problem_located()
    {
        var memory = NewMemory();
        var exception = await Refused(() => memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments",
            Kind = TestKinds.Note,
            Value = TestKinds.Json("""{ "summary": "", "retries": -1, "labels": ["ok", 7], "colour": "red" }"""),
        }, Ct), MemoryErrorCodes.SchemaViolation);

        var pointers = exception.Errors.Select(e => e.Pointer).ToHashSet();
        Assert.Contains("/summary", pointers);
        Assert.Contains("/retries", pointers);
        Assert.Contains("/labels/1", pointers);
        Assert.Contains(exception.Errors, e => e.Message.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(TestKinds.Note, exception.Message, StringComparison.Ordinal);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);

        var missing = await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Note, Value = TestKinds.Json("{}") }, Ct), MemoryErrorCodes.SchemaViolation);
        Assert.Contains(missing.Errors, e => e.Pointer.Length == 0 && e.Message.Contains("summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_naming_the_known_ones()
    {
        var memory = NewMemory();
        var exception = await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = "rtt-api-notes", Value = TestKinds.Json("\"x\"") }, Ct), MemoryErrorCodes.UnknownKind);
        Assert.Contains("rtt-api-note", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fact", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10_MB_value_is_refused_with_the_limit_named_and_the_limit_is_configurable()
    {
        var memory = NewMemory();
        var huge = JsonSerializer.SerializeToElement(new string('a', 10 * 1024 * 1024));
        var exception = await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = huge }, Ct), MemoryErrorCodes.TooLarge);
        Assert.Contains("1,048,576", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxValueBytes", exception.Message, StringComparison.Ordinal);

        var hugeText = await Refused(() => memory.UpsertAsync(new MemoryWrite
        {
            Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json("\"small\""), Text = new string('b', 2 * 1024 * 1024),
        }, Ct), MemoryErrorCodes.TooLarge);
        Assert.Contains("text", hugeText.Message, StringComparison.Ordinal);

        var roomy = NewMemory(o => o.MaxValueBytes = 16 * 1024 * 1024, storeName: "roomy");
        var stored = await roomy.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = JsonSerializer.SerializeToElement(new string('a', 3 * 1024 * 1024)) }, Ct);
        Assert.Equal(UpsertOutcome.Created, stored.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Acme/payments")]
    [InlineData("acme//payments")]
    [InlineData("acme/-payments")]
    [InlineData("acme/pay--ments")]
    [InlineData("acme/payments/")]
    [InlineData("a/b/c/d/e/f/g/h/i")]
    [InlineData("acme/pay_ments")]
    public async Task A_malformed_namespace_is_refused(string ns)
    {
        var memory = NewMemory();
        await Refused(() => memory.UpsertAsync(Note("x", ns: ns), Ct), MemoryErrorCodes.InvalidNamespace);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = [ns] }, Ct), MemoryErrorCodes.InvalidNamespace);
    }

    [Fact]
    public async Task Malformed_tags_keys_and_requests_are_refused_with_their_codes()
    {
        var memory = NewMemory(o => o.MaxTags = 3);
        await Refused(() => memory.UpsertAsync(Note("x", tags: ["Upper"]), Ct), MemoryErrorCodes.InvalidTags);
        await Refused(() => memory.UpsertAsync(Note("x", tags: ["a", "b", "c", "d"]), Ct), MemoryErrorCodes.InvalidTags);
        await Refused(() => memory.UpsertAsync(Note("x", tags: [new string('a', 65)]), Ct), MemoryErrorCodes.InvalidTags);
        await Refused(() => memory.UpsertAsync(Note("x", key: " padded"), Ct), MemoryErrorCodes.InvalidKey);
        await Refused(() => memory.UpsertAsync(Note("x", key: "bell\a"), Ct), MemoryErrorCodes.InvalidKey);
        await Refused(() => memory.UpsertAsync(Note("x", key: new string('k', 257)), Ct), MemoryErrorCodes.InvalidKey);
        await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = default }, Ct), MemoryErrorCodes.InvalidValue);
        await Refused(() => memory.UpsertAsync(new MemoryWrite { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = TestKinds.Json("\"x\""), Text = "  " }, Ct), MemoryErrorCodes.InvalidValue);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 0 }, Ct), MemoryErrorCodes.InvalidRequest);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], PageSize = 100_000 }, Ct), MemoryErrorCodes.InvalidRequest);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Text = "?!" }, Ct), MemoryErrorCodes.InvalidRequest);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], TokenBudget = 0 }, Ct), MemoryErrorCodes.InvalidRequest);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], MinSimilarity = 0.5 }, Ct), MemoryErrorCodes.InvalidRequest);
        await Refused(() => memory.FindAsync(new MemoryQuery { Namespaces = [] }, Ct), MemoryErrorCodes.InvalidNamespace);
        await Refused(() => memory.DecayAsync(TimeSpan.Zero, cancellationToken: Ct), MemoryErrorCodes.InvalidRequest);
        Assert.Empty((await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
    }

    [Theory]
    [InlineData("summary", FilterOperator.Equal, "\"x\"", "starts with '$'")]
    [InlineData("$.", FilterOperator.Equal, "\"x\"", "after '.'")]
    [InlineData("$.a b", FilterOperator.Equal, "\"x\"", "unexpected ' '")]
    [InlineData("$[\"unterminated", FilterOperator.Equal, "\"x\"", "closed")]
    [InlineData("$[-1]", FilterOperator.Equal, "\"x\"", "whole number")]
    [InlineData("$.retries", FilterOperator.GreaterThan, "true", "number or a string")]
    [InlineData("$.retries", FilterOperator.Equal, "{}", "string, number, boolean or null")]
    [InlineData("$.retries", FilterOperator.In, "3", "array")]
    [InlineData("$.retries", (FilterOperator)42, "3", "unknown")]
    public async Task An_invalid_filter_is_refused_saying_what_is_wrong(string path, FilterOperator op, string operand, string expected)
    {
        var memory = NewMemory();
        var exception = await Refused(() => memory.FindAsync(new MemoryQuery
        {
            Namespaces = ["acme/payments"],
            Filters = [new MemoryFilter { Path = path, Operator = op, Value = TestKinds.Json(operand) }],
        }, Ct), MemoryErrorCodes.InvalidFilter);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains("filters[0]", exception.Message, StringComparison.Ordinal);
    }
}
