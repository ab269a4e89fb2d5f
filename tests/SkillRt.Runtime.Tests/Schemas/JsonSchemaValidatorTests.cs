using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Schemas;
using Xunit;

namespace SkillRt.Runtime.Tests.Schemas;

/// <summary>
/// What the suite does not measure: where errors are located and how they read, the bounds that
/// keep a hostile schema or value from taking a thread, and the validator's options.
/// </summary>
public sealed class JsonSchemaValidatorTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static string[] Errors(string schema, string value, JsonSchemaValidatorOptions? options = null) =>
        [.. JsonSchemaValidator.Create(schema, options).Validate(Json(value)).Select(e => $"{e.InstanceLocation} @{e.SchemaLocation}: {e.Message}")];

    [Fact]
    public void Errors_name_the_value_the_keyword_and_what_to_do()
    {
        const string schema = """
            {"type":"object","required":["verdict"],"properties":{
              "verdict":{"enum":["approve","comment"]},
              "findings":{"type":"array","items":{"$ref":"#/$defs/finding"}}},
             "$defs":{"finding":{"type":"object","required":["line"],"properties":{"line":{"type":"integer","minimum":1}},"additionalProperties":false}}}
            """;

        var errors = Errors(schema, """{"findings":[{"line":0},{"line":2,"fix":"x"}]}""");

        Assert.Equal(
            [
                " @/required: The required property 'verdict' is missing.",
                "/findings/0/line @/$defs/finding/properties/line/minimum: The value 0 is less than the minimum 1.",
                "/findings/1/fix @/$defs/finding/additionalProperties: The property 'fix' is not allowed; the allowed properties are 'line'.",
            ],
            errors);
    }

    [Fact]
    public void A_union_that_nothing_matches_says_why_each_alternative_failed()
    {
        var errors = Errors("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", "5");

        Assert.Equal([" @/anyOf: The value matches none of the 2 alternatives of anyOf: (1) Expected a string but found the number 5. (2) Expected null but found the number 5."], errors);
    }

    [Fact]
    public void A_tagged_union_rejects_an_unknown_tag_and_reports_the_branch_that_almost_matched()
    {
        const string schema = """
            {"oneOf":[
              {"type":"object","required":["kind","radius"],"properties":{"kind":{"const":"circle"},"radius":{"type":"number"}}},
              {"type":"object","required":["kind","side"],"properties":{"kind":{"const":"square"},"side":{"type":"number"}}}]}
            """;
        var validator = JsonSchemaValidator.Create(schema);

        Assert.True(validator.IsValid(Json("""{"kind":"circle","radius":2}""")));
        var error = Assert.Single(validator.Validate(Json("""{"kind":"square","radius":2}""")));
        Assert.Equal("/oneOf", error.SchemaLocation);
        Assert.Contains("(2) The required property 'side' is missing.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_compare_as_json_does()
    {
        var validator = JsonSchemaValidator.Create("""{"enum":[1, [2]], "multipleOf":0.01}""");

        Assert.True(validator.IsValid(Json("1.0")));
        Assert.True(validator.IsValid(Json("[2.00]")));
        Assert.False(validator.IsValid(Json("1.5")));
        Assert.True(JsonSchemaValidator.Create("""{"multipleOf":0.01}""").IsValid(Json("19.99")));
        Assert.False(JsonSchemaValidator.Create("""{"multipleOf":0.01}""").IsValid(Json("19.999")));
        Assert.True(JsonSchemaValidator.Create("""{"type":"integer"}""").IsValid(Json("1e2")));
    }

    [Fact]
    public void String_lengths_count_code_points()
    {
        var validator = JsonSchemaValidator.Create("""{"maxLength":2}""");

        Assert.True(validator.IsValid(Json("\"\uD83D\uDCA9\uD83D\uDCA9\"")));
        Assert.Equal([" @/maxLength: The string is 3 characters long; it must be at most 2 characters."], Errors("""{"maxLength":2}""", "\"abc\""));
    }

    [Fact]
    public void A_reference_cycle_that_never_moves_into_the_value_is_reported_not_followed_forever()
    {
        var errors = Errors("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "1");

        Assert.Contains(errors, e => e.Contains("could not be checked", StringComparison.Ordinal) && e.Contains("refers back to itself", StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_whose_references_multiply_the_work_is_cut_off_at_the_budget()
    {
        // Each level refers to the next twice: 2^40 evaluations if nothing stopped it.
        var defs = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"d{i}\":{{\"allOf\":[{{\"$ref\":\"#/$defs/d{i + 1}\"}},{{\"$ref\":\"#/$defs/d{i + 1}\"}}]}}"));
        var schema = $"{{\"$defs\":{{{defs},\"d40\":{{\"type\":\"integer\"}}}},\"$ref\":\"#/$defs/d0\"}}";
        var validator = JsonSchemaValidator.Create(schema, new JsonSchemaValidatorOptions { MaxEvaluations = 100_000 });

        var error = Assert.Single(validator.Validate(Json("1")));
        Assert.StartsWith("The value could not be checked: its schema needs more than 100000 evaluations", error.Message, StringComparison.Ordinal);
        Assert.False(validator.IsValid(Json("1")));
    }

    [Fact]
    public void A_pattern_the_linear_engine_cannot_run_is_bounded_by_the_timeout()
    {
        var options = new JsonSchemaValidatorOptions { PatternMatchTimeout = TimeSpan.FromMilliseconds(20) };
        var hostile = new string('a', 40) + "!";

        var errors = Errors("""{"pattern":"^(?=a)(a+)+$"}""", $"\"{hostile}\"", options);

        Assert.Equal([" @/pattern: The value could not be checked against the pattern ^(?=a)(a+)+$ in time; use a shorter value."], errors);
    }

    [Fact]
    public void Patterns_mean_what_ecma_262_says()
    {
        var validator = JsonSchemaValidator.Create("""{"pattern":"^\\d+$"}""");

        Assert.True(validator.IsValid(Json("\"123\"")));
        Assert.False(validator.IsValid(Json("\"123\\n\"")));
        Assert.False(validator.IsValid(Json("\"\u0663\"")));
    }

    [Fact]
    public void Format_is_an_annotation_unless_asserted()
    {
        const string schema = """{"format":"date-time"}""";

        Assert.True(JsonSchemaValidator.Create(schema).IsValid(Json("\"yesterday\"")));
        var asserted = JsonSchemaValidator.Create(schema, new JsonSchemaValidatorOptions { AssertFormat = true });
        Assert.True(asserted.IsValid(Json("\"2025-01-31T12:00:00Z\"")));
        Assert.Equal(
            "Expected a date and time (RFC 3339), such as 2025-01-31T12:00:00Z, but found the string \"yesterday\".",
            Assert.Single(asserted.Validate(Json("\"yesterday\""))).Message);
    }

    [Fact]
    public void References_to_other_documents_resolve_only_against_the_documents_given()
    {
        const string schema = """{"$ref":"https://example.com/shape.json#/$defs/size"}""";

        var missing = Assert.Throws<ArgumentException>(() => JsonSchemaValidator.Create(schema));
        Assert.Contains("'https://example.com/shape.json#/$defs/size'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("never fetches", missing.Message, StringComparison.Ordinal);

        var documents = new Dictionary<string, JsonElement> { ["https://example.com/shape.json"] = Json("""{"$defs":{"size":{"type":"integer"}}}""") };
        var validator = JsonSchemaValidator.Create(schema, new JsonSchemaValidatorOptions { Documents = documents });
        Assert.True(validator.IsValid(Json("3")));
        Assert.False(validator.IsValid(Json("\"3\"")));
    }

    [Fact]
    public void A_malformed_schema_is_refused_with_its_location()
    {
        var error = Assert.Throws<ArgumentException>(() => JsonSchemaValidator.Create("""{"properties":{"a":{"type":"text"}}}"""));

        Assert.Equal("The schema is not valid at '/properties/a/type': 'text' is not a JSON Schema type; use null, boolean, object, array, number, string or integer.", error.Message);
    }

    [Fact]
    public async Task One_validator_serves_concurrent_validations()
    {
        var validator = JsonSchemaValidator.Create("""
            {"type":"array","items":{"$dynamicRef":"#node"},"$defs":{"node":{"$dynamicAnchor":"node","type":"object",
             "properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$dynamicRef":"#node"}}},"unevaluatedProperties":false}}}
            """);
        var good = Json("""[{"name":"a","children":[{"name":"b"}]}]""");
        var bad = Json("""[{"name":"a","children":[{"name":"b","extra":1}]}]""");

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => i % 2 == 0 ? validator.IsValid(good) : validator.Validate(bad).Count == 1, TestContext.Current.CancellationToken)));

        Assert.All(results, Assert.True);
        Assert.Equal("/0/children/0/extra", Assert.Single(validator.Validate(bad)).InstanceLocation);
    }

    [Fact]
    public void A_real_openai_response_schema_accepts_a_response_and_locates_each_error_in_a_broken_one()
    {
        // The schema and responses of benchmarks/SkillRt.Benchmarks/Schemas/SchemaValidationBenchmarks.cs.
        var data = System.IO.Path.Combine(SkillRt.Tests.TestPaths.RepositoryRoot, "benchmarks", "SkillRt.Benchmarks", "Data");
        var validator = JsonSchemaValidator.Create(System.IO.File.ReadAllText(System.IO.Path.Combine(data, "openai-chat-completion.schema.json")));

        Assert.True(validator.IsValid(Json(System.IO.File.ReadAllText(System.IO.Path.Combine(data, "openai-chat-completion.json")))));
        var errors = validator.Validate(Json(System.IO.File.ReadAllText(System.IO.Path.Combine(data, "openai-chat-completion.invalid.json"))));

        Assert.Equal(["", "/choices/0/finish_reason", "/choices/1/message/tool_calls/1"], errors.Select(e => e.InstanceLocation).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message == "The required property 'created' is missing.");
        Assert.Contains(errors, e => e.SchemaLocation == "/properties/choices/items/properties/finish_reason/enum" &&
            e.Message == "The string \"done\" is not allowed; use one of \"stop\", \"length\", \"tool_calls\", \"content_filter\", \"function_call\".");
        Assert.Contains(errors, e => e.SchemaLocation == "/$defs/ChatCompletionMessageToolCalls/items/oneOf" && e.Message.StartsWith("The value matches none of the 2 alternatives of oneOf: (1) At /choices/1/message/tool_calls/1/type: The string \"functions\" is not allowed; use one of \"function\".", StringComparison.Ordinal));
    }
}
