using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Evaluation.Tests;

public sealed class EvalFileReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_good_file_gives_cases_with_checked_inputs_defaults_and_compiled_assertions()
    {
        using var skill = new SkillFolder().Write("evals/basics.yaml", """
            # Golden tests for the review skill.
            trials: 2
            cases:
              - name: approves-a-clean-change
                description: A one-line typo fix.
                inputs:
                  pr_url: https://github.com/octo/repo/pull/7
                recording: recordings/approves.json
                expect:
                  - schema: {type: object, required: [verdict]}
                  - path: $.verdict
                    equals: approve
                  - path: $.findings[*].severity
                    contains: minor
                  - path: $.summary
                    matches: "(?i)typo"
                  - path: $.score
                    approx: {value: 0.8, tolerance: 0.05}
                  - rubric: The summary says what changed.
              - name: security
                trials: 5
                min-pass-rate: 0.6
                inputs: {pr_url: "https://github.com/octo/repo/pull/8", focus: security}
                expect:
                  - path: $.verdict
                    equals: request-changes
            """);

        var suite = await skill.LoadAsync(Ct);

        Assert.Empty(suite.Diagnostics);
        Assert.Equal(2, suite.Cases.Count);
        var first = suite.Cases[0];
        Assert.Equal("approves-a-clean-change", first.Name);
        Assert.Equal("evals/basics.yaml", first.File);
        Assert.Equal(4, first.Line);
        Assert.Equal(2, first.Trials);
        Assert.Equal(1.0, first.MinPassRate);
        Assert.Equal(skill.PathOf(Path.Combine("evals", "recordings", "approves.json")), first.RecordingPath);
        Assert.Equal("all", first.Input.GetProperty("focus").GetString());
        Assert.Equal(["schema", "equals", "contains", "matches", "approx", "rubric"], first.Assertions.Select(a => a.Kind));
        Assert.Equal("$.verdict equals \"approve\"", first.Assertions[1].Description);
        Assert.Equal(13, first.Assertions[2].Line);
        Assert.Equal(5, suite.Cases[1].Trials);
        Assert.Equal(0.6, suite.Cases[1].MinPassRate);
        Assert.Equal("security", suite.Cases[1].Input.GetProperty("focus").GetString());
    }

    [Theory]
    [InlineData("cases: []\nsurprise: 1\n", "EVAL0004", 2, 1, "unknown key 'surprise'")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.verdict\n        equal: approve\n", "EVAL0004", 6, 9, "unknown key 'equal'")]
    [InlineData("cases:\n  - inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0005", 2, 5, "has no 'name'")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n", "EVAL0005", 2, 5, "has no 'expect'")]
    [InlineData("cases: {a: 1}\n", "EVAL0006", 1, 8, "'cases' must be a list of cases")]
    [InlineData("cases:\n  - name: a\n    inputs: [1]\n    expect: [{rubric: ok}]\n", "EVAL0006", 3, 13, "'inputs' must be a mapping")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect: []\n", "EVAL0006", 4, 13, "one or more assertions")]
    [InlineData("cases:\n  - name: 'no spaces please'\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0007", 2, 11, "is not a case name")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0007", 5, 11, "already used in evals/bad.yaml line 2")]
    [InlineData("cases:\n  - name: a\n    inputs: {focus: all}\n    expect: [{rubric: ok}]\n", "EVAL0008", 3, 13, "pr_url")]
    [InlineData("cases:\n  - name: a\n    inputs:\n      pr_url: https://x.io/1\n      focus: everything\n    expect: [{rubric: ok}]\n", "EVAL0008", 5, 7, "inputs.focus")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1, colour: red}\n    expect: [{rubric: ok}]\n", "EVAL0008", 3, 38, "colour")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.verdict\n", "EVAL0009", 5, 9, "has none")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.verdict\n        equals: a\n        contains: b\n", "EVAL0009", 7, 9, "has equals and contains")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $..verdict\n        equals: a\n", "EVAL0010", 5, 16, "descendant")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: \"$.findings[?@.x]\"\n        equals: a\n", "EVAL0010", 5, 27, "filter")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.summary\n        matches: '(unclosed'\n", "EVAL0011", 6, 18, "not a valid .NET regular expression")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - schema: {type: 12}\n", "EVAL0012", 5, 17, "the schema is invalid")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.score\n        approx: {value: 1, tolerance: 0.1, relative: 0.1}\n", "EVAL0013", 6, 17, "exactly one of 'tolerance'")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.score\n        approx: {tolerance: 0.1}\n", "EVAL0013", 6, 17, "has no 'value'")]
    [InlineData("cases:\n  - name: a\n    inputs: {pr_url: https://x.io/1}\n    expect:\n      - path: $.score\n        approx: {value: 1, tolerance: -0.1}\n", "EVAL0013", 6, 28, "finite number of 0 or more")]
    [InlineData("trials: 0\ncases: []\n", "EVAL0014", 1, 9, "'trials' is 0")]
    [InlineData("cases:\n  - name: a\n    min-pass-rate: 1.5\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0014", 3, 20, "'min-pass-rate' is 1.5")]
    [InlineData("cases:\n  - name: a\n    recording: ../../elsewhere.json\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0015", 3, 16, "leaves the skill's folder")]
    [InlineData("cases:\n  - name: a\n    recording: /tmp/a.json\n    inputs: {pr_url: https://x.io/1}\n    expect: [{rubric: ok}]\n", "EVAL0015", 3, 16, "is absolute")]
    [InlineData("cases:\n  - name: a\n    task: review it\n    expect: [{rubric: ok}]\n", "EVAL0016", 3, 5, "declares inputs (pr_url, focus)")]
    [InlineData("- just a list\n", "EVAL0003", 1, 1, "mapping with a 'cases' list")]
    [InlineData("trials: 1\n", "EVAL0003", 1, 1, "no 'cases' list")]
    [InlineData("cases: [\n", "SKILL0002", 1, 8, "")]
    public async Task Each_problem_has_its_id_and_location(string yaml, string id, int line, int column, string message)
    {
        using var skill = new SkillFolder().Write("evals/bad.yaml", yaml);

        var suite = await skill.LoadAsync(Ct);

        var diagnostic = suite.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, $"expected {id}; got: {string.Join(" | ", suite.Diagnostics)}");
        Assert.Equal(skill.PathOf(Path.Combine("evals", "bad.yaml")), diagnostic.FilePath);
        Assert.Equal((line, column), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{diagnostic.FilePath}({line},{column}): ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_without_evals_and_an_oversized_file_are_errors_not_exceptions()
    {
        using var empty = new SkillFolder();
        using var large = new SkillFolder().Write("evals/huge.yaml", "cases: []\n# " + new string('x', EvalLimits.MaxFileBytes));

        var none = await empty.LoadAsync(Ct);
        var huge = await large.LoadAsync(Ct);

        Assert.Equal("EVAL0002", Assert.Single(none.Diagnostics).Id);
        Assert.True(none.HasErrors);
        Assert.Equal("EVAL0001", Assert.Single(huge.Diagnostics).Id);
        Assert.Contains("https://github.com/skillrt/skillrt/blob/main/spec/EVAL-SPEC.md#eval0001", Assert.Single(huge.Diagnostics).Descriptor.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_without_declared_inputs_takes_a_task_and_refuses_inputs()
    {
        const string Prose = "---\nname: helper\ndescription: Helps.\n---\nHelp with the task.\n";
        using var skill = new SkillFolder(Prose).Write("evals/a.yaml", """
            cases:
              - name: ok
                task: Summarize the README.
                expect: [{path: $, matches: README}]
              - name: not-inputs
                inputs: {x: 1}
                expect: [{rubric: fine}]
              - name: no-task
                expect: [{rubric: fine}]
            """);

        var suite = await skill.LoadAsync(Ct);

        Assert.Equal("Summarize the README.", Assert.Single(suite.Cases).Input.GetString());
        Assert.Equal(["EVAL0016", "EVAL0005"], suite.Diagnostics.Select(d => d.Id));
        Assert.Equal(6, suite.Diagnostics[0].Span.StartLine);
    }

    [Fact]
    public async Task Every_id_in_the_catalogue_is_in_the_spec_with_an_example_and_a_fix()
    {
        var spec = await File.ReadAllTextAsync(Path.Combine(SkillRt.Tests.TestPaths.Spec, "EVAL-SPEC.md"), Ct);

        foreach (var descriptor in EvalDiagnosticDescriptors.All)
        {
            var heading = $"### {descriptor.Id}";
            var at = spec.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{descriptor.Id} is not in spec/EVAL-SPEC.md");
            var next = spec.IndexOf("\n### ", at + heading.Length, StringComparison.Ordinal);
            var section = next < 0 ? spec[at..] : spec[at..next];
            Assert.Contains("```yaml", section, StringComparison.Ordinal);
            Assert.Contains("Fix:", section, StringComparison.Ordinal);
        }

        Assert.Equal(EvalDiagnosticDescriptors.All.Count, EvalDiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }
}
