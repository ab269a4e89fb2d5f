using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SkillRt.Handoff.Tests.Validation;

/// <summary>Bad envelopes are refused before anything runs, each problem at the field's JSON Pointer with what to do.</summary>
public sealed class EnvelopeValidationTests
{
    private static readonly HandoffValidationContext Context = new()
    {
        ParentGrants = new HandoffGrants { Tools = ["search"], Permissions = new HandoffPermissions { Network = ["*.example.com"], Env = ["HOME"] } },
    };

    private static JsonObject Valid() => new()
    {
        ["handoff"] = "1.0",
        ["taskId"] = "t-1",
        ["goal"] = "Summarise the text.",
        ["input"] = new JsonObject { ["text"] = "Hello world" },
        ["inputSchema"] = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("text"), ["properties"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "string" } } },
        ["outputSchema"] = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("title"), ["properties"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "string" } } },
        ["criteria"] = new JsonObject { ["assertions"] = new JsonArray(new JsonObject { ["path"] = "/title", ["op"] = "minLength", ["value"] = 3 }) },
        ["budget"] = new JsonObject { ["outputTokens"] = 500, ["deadline"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O") },
        ["grants"] = new JsonObject { ["tools"] = new JsonArray("search"), ["permissions"] = new JsonObject { ["network"] = new JsonArray("api.example.com") } },
    };

    // JsonNode writes itself without reflection, which the test project turns off.
    private static JsonElement ToElement(JsonObject envelope) => JsonDocument.Parse(envelope.ToJsonString()).RootElement;

    private static HandoffProblem Single(JsonObject envelope, HandoffValidationContext? context = null)
    {
        var problems = HandoffEnvelopeValidator.Validate(ToElement(envelope), context ?? Context);
        return Assert.Single(problems);
    }

    [Fact]
    public void A_valid_envelope_has_no_problems_and_reads_into_the_record()
    {
        Assert.True(HandoffEnvelopeValidator.TryRead(ToElement(Valid()), Context, out var envelope, out var problems), string.Join("\n", problems));
        Assert.Equal("t-1", envelope!.TaskId);
        Assert.Equal(HandoffAssertionOperator.MinLength, envelope.Criteria!.Assertions![0].Op);
        Assert.Equal(500, envelope.Budget.OutputTokens);
    }

    [Fact]
    public void A_missing_required_field_is_named_at_the_envelope()
    {
        var envelope = Valid();
        envelope.Remove("goal");
        var problem = Single(envelope);
        Assert.Equal("", problem.Path);
        Assert.Contains("goal", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Add it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_located()
    {
        var envelope = Valid();
        envelope["budget"]!["turns"] = "three";
        Assert.Equal("/budget/turns", Single(envelope).Path);
    }

    [Fact]
    public void A_misspelled_field_is_located_and_told_to_be_removed()
    {
        var envelope = Valid();
        envelope["budget"]!["outputToken"] = 10;
        var problem = Single(envelope);
        Assert.Equal("/budget/outputToken", problem.Path);
        Assert.Contains("check its spelling", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outputTokens", 0)]
    [InlineData("inputTokens", 0)]
    [InlineData("turns", 0)]
    [InlineData("costUsd", 0)]
    public void A_zero_budget_is_refused_at_its_field(string field, int value)
    {
        var envelope = Valid();
        envelope["budget"] = new JsonObject { [field] = value };
        var problem = Single(envelope);
        Assert.Equal("/budget/" + field, problem.Path);
        Assert.Contains("A budget of zero allows nothing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_without_any_limit_is_refused()
    {
        var envelope = Valid();
        envelope["budget"] = new JsonObject();
        var problem = Single(envelope);
        Assert.Equal("/budget", problem.Path);
        Assert.Contains("at least one limit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_in_the_past_is_refused()
    {
        var envelope = Valid();
        envelope["budget"]!["deadline"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var problem = Single(envelope);
        Assert.Equal("/budget/deadline", problem.Path);
        Assert.Contains("has already passed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_without_an_offset_is_refused_with_the_form_to_use()
    {
        var envelope = Valid();
        envelope["budget"]!["deadline"] = "2030-01-01T00:00:00";
        var problem = Single(envelope);
        Assert.Equal("/budget/deadline", problem.Path);
        Assert.Contains("RFC 3339", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_assertion_operator_is_refused_with_the_operators()
    {
        var envelope = Valid();
        envelope["criteria"]!["assertions"]![0]!["op"] = "approximately";
        var problem = Single(envelope);
        Assert.Equal("/criteria/assertions/0/op", problem.Path);
        Assert.Contains("lessThan", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assertion_operand_of_the_wrong_type_is_located()
    {
        var envelope = Valid();
        envelope["criteria"]!["assertions"]![0]!["value"] = "three";
        Assert.Equal("/criteria/assertions/0/value", Single(envelope).Path);
    }

    [Fact]
    public void A_regular_expression_that_does_not_compile_is_located()
    {
        var envelope = Valid();
        envelope["criteria"]!["assertions"] = new JsonArray(new JsonObject { ["path"] = "/title", ["op"] = "matches", ["value"] = "(unclosed" });
        var problem = Single(envelope);
        Assert.Equal("/criteria/assertions/0/value", problem.Path);
        Assert.Contains("does not compile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rubric_nobody_can_grade_is_refused()
    {
        var envelope = Valid();
        envelope["criteria"]!["rubric"] = new JsonObject { ["instructions"] = "Is it witty?", ["passScore"] = 0.7 };
        var problem = Single(envelope);
        Assert.Equal("/criteria/rubric/grader", problem.Path);
        Assert.Contains("cannot be evaluated", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_the_parent_does_not_hold_is_refused()
    {
        var envelope = Valid();
        envelope["grants"]!["tools"] = new JsonArray("search", "delete_repository");
        var problem = Single(envelope);
        Assert.Equal("/grants/tools/1", problem.Path);
        Assert.Contains("'delete_repository'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the parent holds: search", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_outside_the_parents_wildcard_is_refused_and_one_inside_is_not()
    {
        var envelope = Valid();
        envelope["grants"]!["permissions"] = new JsonObject { ["network"] = new JsonArray("api.example.com", "evil.test") };
        Assert.Equal("/grants/permissions/network/1", Single(envelope).Path);
    }

    [Fact]
    public void A_parent_that_holds_nothing_can_grant_nothing()
    {
        var envelope = Valid();
        var problems = HandoffEnvelopeValidator.Validate(ToElement(envelope), HandoffValidationContext.Default);
        Assert.Equal(["/grants/tools/0", "/grants/permissions/network/0"], problems.Select(p => p.Path));
    }

    [Fact]
    public void An_input_that_breaks_its_schema_is_located_inside_the_input()
    {
        var envelope = Valid();
        envelope["input"] = new JsonObject { ["text"] = 42 };
        var problem = Single(envelope);
        Assert.Equal("/input/text", problem.Path);
        Assert.Contains("inputSchema", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_schema_that_does_not_compile_is_located()
    {
        var envelope = Valid();
        envelope["outputSchema"] = new JsonObject { ["$ref"] = "#/$defs/missing" };
        var problem = Single(envelope);
        Assert.Equal("/outputSchema", problem.Path);
        Assert.Contains("does not compile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_traceparent_is_refused_with_the_form_to_use()
    {
        var envelope = Valid();
        envelope["traceContext"] = new JsonObject { ["traceparent"] = "not-a-trace" };
        var problem = Single(envelope);
        Assert.Equal("/traceContext/traceparent", problem.Path);
        Assert.Contains("W3C", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var envelope = Valid();
        envelope["budget"]!["outputTokens"] = 0;
        envelope["criteria"]!["assertions"]![0]!["op"] = "approximately";
        var problems = HandoffEnvelopeValidator.Validate(ToElement(envelope), Context);
        Assert.Equal(["/budget/outputTokens", "/criteria/assertions/0/op"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_envelope_built_in_code_round_trips_through_the_wire_format()
    {
        var envelope = new HandoffEnvelope
        {
            TaskId = "t-2",
            Goal = "Classify.",
            OutputSchema = JsonDocument.Parse("""{"enum":["a","b"]}""").RootElement,
            Criteria = new HandoffCriteria { Assertions = [new HandoffAssertion { Path = "", Op = HandoffAssertionOperator.NotEqual, Value = JsonDocument.Parse("\"b\"").RootElement }] },
            Budget = new HandoffBudget { Turns = 2 },
            Context = new HandoffContext { Mode = HandoffContextMode.Summary, Summary = "We classify." },
        };
        Assert.Empty(HandoffEnvelopeValidator.Validate(envelope));
        var json = JsonSerializer.Serialize(envelope, HandoffJson.Envelope);
        Assert.Contains("\"op\":\"notEqual\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"summary\"", json, StringComparison.Ordinal);
        Assert.Contains("\"handoff\":\"1.0\"", json, StringComparison.Ordinal);
        Assert.Equal(envelope.TaskId, JsonSerializer.Deserialize(json, HandoffJson.Envelope)!.TaskId);
    }
}
