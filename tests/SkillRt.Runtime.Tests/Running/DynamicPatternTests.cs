using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Dynamic;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>
/// Issue 14, item 5: a schema pattern such as <c>^(a+)+$</c> against a 40-character value hung
/// <c>skillrt run</c> for minutes, because NJsonSchema (then the dynamic validator) matched it without a timeout. Skills loaded at
/// run time now match patterns in bounded time, on inputs and outputs alike, and a value that
/// cannot be checked in time is a violation naming where it is and the pattern.
/// </summary>
public sealed class DynamicPatternTests
{
    private const string Hostile = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    private static SkillDefinition Skill(string pattern) => SkillDefinition.Parse($$$"""
        ---
        name: redos
        version: 1.0.0
        description: A pattern that backtracks catastrophically.
        inputs:
          - name: code
            type: json
            required: true
            schema: {type: string, pattern: '{{{pattern}}}'}
        outputs:
          schema:
            type: object
            properties:
              codes: {type: array, items: {type: string, pattern: '{{{pattern}}}'}}
        ---
        Check {{ code }}.
        """);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task A_catastrophic_input_pattern_is_checked_at_once_and_the_run_refused()
    {
        var client = new ScriptedChatClient();
        var skill = Skill("^(a+)+$");

        var error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(
            skill, Json($$"""{"code":"{{Hostile}}"}"""), cancellationToken: TestContext.Current.CancellationToken));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("/code", violation.Pointer);
        Assert.Equal($"The value \"{Hostile}\" does not match the pattern ^(a+)+$.", violation.Message);
        Assert.Empty(client.Requests);
        Assert.True(skill.Contract.TryReadInput(Json("""{"code":"aaaa"}"""), out _, out _));
    }

    [Fact]
    public async Task A_catastrophic_output_pattern_is_checked_at_once_and_repaired()
    {
        var client = new ScriptedChatClient().Answer($$"""{"codes":["aaa","{{Hostile}}"]}""").Answer("""{"codes":["aaa"]}""");

        var result = await new SkillRunner(client).RunAsync(Skill("^(a+)+$"), Json("""{"code":"a"}"""), cancellationToken: TestContext.Current.CancellationToken);

        var violation = Assert.Single(Assert.Single(result.Report.Repairs).Violations);
        Assert.Equal("/codes/1", violation.Pointer);
        Assert.Equal($"The value \"{Hostile}\" does not match the pattern ^(a+)+$.", violation.Message);
        Assert.Equal(1, result.Output.GetProperty("codes").GetArrayLength());
    }

    [Fact]
    public void A_pattern_the_linear_engine_cannot_run_times_out_into_a_violation_naming_field_and_pattern()
    {
        // A lookahead keeps this pattern on the backtracking engine, where only the timeout bounds it.
        const string pattern = "^(?=a)(a+)+$";
        var skill = Skill(pattern);
        var contract = new DynamicSkillContract(skill.Descriptor, skill.Manifest, TimeSpan.FromMilliseconds(20));

        Assert.False(contract.TryReadInput(Json($$"""{"code":"{{Hostile}}"}"""), out _, out var violations));
        var violation = Assert.Single(violations);
        Assert.Equal("/code", violation.Pointer);
        Assert.Equal($"The value could not be checked against the pattern {pattern} in time; use a shorter value.", violation.Message);
        Assert.True(contract.TryReadInput(Json("""{"code":"aaaa"}"""), out _, out _));
    }

    [Fact]
    public void After_one_timeout_the_other_values_are_reported_without_waiting_again()
    {
        const string pattern = "^(?=a)(a+)+$";
        var skill = Skill(pattern);
        var contract = new DynamicSkillContract(skill.Descriptor, skill.Manifest, TimeSpan.FromMilliseconds(20));
        var answer = "{\"codes\":[" + string.Join(",", Enumerable.Repeat("\"" + Hostile + "\"", 200)) + "]}";

        Assert.False(contract.TryReadOutput(answer, out _, out var violations));

        Assert.Equal(200, violations.Count);
        Assert.All(violations, v => Assert.EndsWith($"against the pattern {pattern} in time; use a shorter value.", v.Message, StringComparison.Ordinal));
        Assert.Equal("/codes/199", violations[^1].Pointer);
    }

    [Fact]
    public void Pattern_properties_are_enforced_and_matched_in_bounded_time()
    {
        var skill = SkillDefinition.Parse("""
            ---
            name: props
            version: 1.0.0
            description: patternProperties, with a pattern that backtracks catastrophically.
            outputs:
              schema:
                type: object
                patternProperties:
                  "^(a+)+$": {type: integer}
            ---
            Answer.
            """);

        // The hostile name is matched by the linear engine: no match, so no schema applies to it.
        Assert.True(skill.Contract.TryReadOutput($$"""{"{{Hostile}}":"text"}""", out _, out var violations), string.Join("; ", violations));
        Assert.False(skill.Contract.TryReadOutput("""{"aaa":"text"}""", out _, out violations));
        var violation = Assert.Single(violations);
        Assert.Equal("/aaa", violation.Pointer);
        Assert.Equal("Expected an integer but found the string \"text\".", violation.Message);
    }
}
