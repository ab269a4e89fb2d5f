using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Evaluation.Tests;

/// <summary>
/// Each assertion kind, passing and failing, on outputs that go through the real SkillRunner: every case
/// replays a recording whose answer is the output under test.
/// </summary>
public sealed class AssertionTests
{
    private const string Output = """{"verdict": "comment", "summary": "Fixes a typo in README.md.", "score": 0.82, "findings": [{"severity": "minor", "message": "Trailing space"}, {"severity": "info", "message": "Nit"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("schema: {type: object, required: [verdict, findings]}", true, null)]
    [InlineData("schema: {type: object, properties: {findings: {maxItems: 1}}}", false, "/findings")]
    [InlineData("path: $.verdict\n        equals: comment", true, null)]
    [InlineData("path: $.verdict\n        equals: approve", false, "got \"comment\"")]
    [InlineData("path: $.score\n        equals: 0.820", true, null)]
    [InlineData("path: $.findings[*].severity\n        equals: [minor, info]", true, null)]
    [InlineData("path: $.findings[0]\n        equals: {message: Trailing space, severity: minor}", true, null)]
    [InlineData("path: $.missing\n        equals: 1", false, "$.missing selects nothing in the output")]
    [InlineData("path: $.findings[*].severity\n        contains: minor", true, null)]
    [InlineData("path: $.summary\n        contains: typo", true, null)]
    [InlineData("path: $.findings\n        contains: {severity: info, message: Nit}", true, null)]
    [InlineData("path: $.findings[*].severity\n        contains: critical", false, "not found in [\"minor\",\"info\"]")]
    [InlineData("path: $.summary\n        matches: '^Fixes .* README\\.md\\.$'", true, null)]
    [InlineData("path: $.findings[*].message\n        matches: '^[A-Z]'", true, null)]
    [InlineData("path: $.findings[*].message\n        matches: space", false, "$['findings'][1]['message'] does not match: \"Nit\"")]
    [InlineData("path: $.score\n        matches: '8'", false, "is a number, not a string")]
    [InlineData("path: $.score\n        approx: {value: 0.8, tolerance: 0.05}", true, null)]
    [InlineData("path: $.score\n        approx: {value: 0.8, tolerance: 0.01}", false, "$['score'] is 0.82, 0.02 away (allowed 0.01)")]
    [InlineData("path: $.score\n        approx: {value: 0.8, relative: 0.05}", true, null)]
    [InlineData("path: $.score\n        approx: {value: 0.8, relative: 0.01}", false, "allowed 0.008")]
    [InlineData("path: $.verdict\n        approx: {value: 1, tolerance: 1}", false, "is a string, not a number")]
    public async Task Each_assertion_kind_passes_and_fails_with_the_reason(string assertion, bool passes, string? reason)
    {
        using var skill = new SkillFolder().Write("evals/one.yaml", $$"""
            cases:
              - name: one
                inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
                recording: recordings/one.json
                expect:
                  - {{assertion}}
            """);
        await skill.RecordAsync("evals/recordings/one.json", Ct, Output);
        var suite = await skill.LoadAsync(Ct);
        Assert.Empty(suite.Diagnostics);

        var result = await EvalRunner.RunAsync(suite, model: null, new EvalRunOptions { Mode = EvalModelMode.Replay }, Ct);

        var checkedAssertion = Assert.Single(Assert.Single(Assert.Single(result.Cases).Trials).Assertions);
        Assert.Equal(passes, checkedAssertion.Passed);
        Assert.Equal(passes, result.Passed);
        if (reason is not null)
        {
            Assert.Contains(reason, checkedAssertion.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_pattern_that_backtracks_past_its_timeout_fails_instead_of_hanging()
    {
        var hostile = """{"verdict": "comment", "summary": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"}""";
        using var skill = new SkillFolder().Write("evals/one.yaml", """
            cases:
              - name: slow
                inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
                recording: recordings/one.json
                expect:
                  - path: $.summary
                    matches: '^(a+)+$'
            """);
        await skill.RecordAsync("evals/recordings/one.json", Ct, hostile);

        var result = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay }, Ct);

        var assertion = Assert.Single(result.Cases[0].Trials[0].Assertions);
        Assert.False(assertion.Passed);
        Assert.Contains("took longer than 1 s and was stopped", assertion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grade_is_read_from_json_with_or_without_a_code_fence_and_nothing_else()
    {
        Assert.True(RubricCheck.TryReadGrade("""{"pass": true, "reason": "ok"}""", out var pass, out var reason));
        Assert.True(pass);
        Assert.Equal("ok", reason);
        Assert.True(RubricCheck.TryReadGrade("```json\n{\"pass\": false, \"reason\": \"no\"}\n```", out pass, out _));
        Assert.False(pass);
        Assert.False(RubricCheck.TryReadGrade("Yes, it passes.", out _, out _));
        Assert.False(RubricCheck.TryReadGrade("""{"pass": "yes", "reason": "ok"}""", out _, out _));
        Assert.False(RubricCheck.TryReadGrade("""{"pass": true}""", out _, out _));
        Assert.False(RubricCheck.TryReadGrade("[true]", out _, out _));
    }

    [Fact]
    public async Task A_trial_whose_output_breaks_the_contract_fails_with_the_skills_error_and_the_run_goes_on()
    {
        using var skill = new SkillFolder().Write("evals/one.yaml", """
            cases:
              - name: broken
                inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
                recording: recordings/broken.json
                expect: [{path: $.verdict, equals: comment}]
              - name: fine
                inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
                recording: recordings/fine.json
                expect: [{path: $.verdict, equals: comment}]
              - name: unrecorded
                inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
                expect: [{path: $.verdict, equals: comment}]
            """);

        // The runner repairs twice by default: three answers that all break the enum.
        await skill.RecordAsync("evals/recordings/broken.json", Ct, """{"verdict": "ship-it", "summary": "x"}""", """{"verdict": "ship-it", "summary": "x"}""", """{"verdict": "ship-it", "summary": "x"}""");
        await skill.RecordAsync("evals/recordings/fine.json", Ct, Output);

        var result = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay }, Ct);

        Assert.Equal([false, true, false], result.Cases.Select(c => c.Passed));
        var broken = result.Cases[0].Trials[0];
        Assert.Null(broken.Output);
        Assert.Contains("/verdict", broken.Error, StringComparison.Ordinal);
        Assert.Empty(broken.Assertions);
        Assert.Contains("has no recording to replay", result.Cases[2].Trials[0].Error, StringComparison.Ordinal);
        Assert.Equal(["broken", "unrecorded"], result.FailedCases.Select(c => c.Name));
    }
}
