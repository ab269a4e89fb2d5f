using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt eval</c> as a real process: the pr-review example's evals replayed offline, every report
/// format read back, a run recorded against the loopback OpenAI server and replayed without it, and
/// the exit codes of bad eval files, failed cases and wrong command lines.
/// </summary>
public sealed class EvalCommandTests : IAsyncDisposable
{
    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private const string Skill = """
        ---
        name: summarize
        version: 2.0.0
        description: Summarizes a text.
        inputs:
          - name: text
            type: string
            required: true
        outputs:
          type: json
          schema:
            type: object
            required: [summary]
            properties:
              summary: {type: string}
              words: {type: integer}
        ---
        Summarize: {{ text }}
        """;

    private const string Evals = """
        cases:
          - name: short
            inputs: {text: "A long text about retries."}
            recording: recordings/short.json
            expect:
              - path: $.summary
                contains: retries
              - path: $.words
                approx: {value: 4, tolerance: 1}
              - rubric: The summary is one sentence.
        """;

    private readonly ModelServerCli _session = new();

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task The_pr_review_example_passes_offline_with_a_line_per_case_and_progress_on_stderr()
    {
        var result = await Cli.RunAsync("eval", PrReview, "--replay", "--trials", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Output);
        Assert.Equal("pr-review@1.2.0: 3 cases (replay)", lines[0]);
        Assert.Equal("  PASS  approves-a-typo-fix              2/2    100%  95% CI [34.2%, 100%]", lines[1]);
        Assert.StartsWith("  PASS  flags-sql-injection ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("passed: 3 of 3 cases passed; 6/6 trials (100%, 95% CI [61%, 100%]) in ", lines[^1], StringComparison.Ordinal);
        var progress = Lines(result.Error);
        Assert.Equal("skillrt: evaluating pr-review@1.2.0: 3 cases, 6 trials (replaying the recordings)", progress[0]);
        Assert.Equal("skillrt: [6/6] minor-findings-only-comment trial 2/2: passed", progress[^1]);
    }

    [Fact]
    public async Task Json_and_junit_reports_read_back_and_a_file_report_is_written_whole()
    {
        var json = await Cli.RunAsync("eval", PrReview, "--replay", "--format", "json");
        var junit = await Cli.RunAsync("eval", PrReview, "--replay", "--format", "junit", "--output", "reports/evals.xml");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(1, document.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal("pr-review", document.RootElement.GetProperty("skill").GetProperty("name").GetString());
        Assert.Equal(["approves-a-typo-fix", "flags-sql-injection", "minor-findings-only-comment"], document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.StartsWith("skillrt: passed: 3 of 3 cases passed", Lines(json.Error)[^1], StringComparison.Ordinal);

        // The folder does not exist: a usage error, and nothing is left behind.
        Assert.True(junit.ExitCode == 2, junit.ToString());
        Assert.Contains("--output: cannot write", junit.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Cli.WorkingDirectory, "reports")));
        Directory.CreateDirectory(Path.Combine(Cli.WorkingDirectory, "reports"));
        junit = await Cli.RunAsync("eval", PrReview, "--replay", "--format", "junit", "--output", "reports/evals.xml");
        Assert.True(junit.ExitCode == 0, junit.ToString());
        Assert.Empty(junit.Output);
        Assert.EndsWith("→ reports/evals.xml", Lines(junit.Error)[^1], StringComparison.Ordinal);
        var xml = XDocument.Load(Path.Combine(Cli.WorkingDirectory, "reports", "evals.xml"));
        var cases = xml.Root!.Element("testsuite")!.Elements("testcase").ToArray();
        Assert.Equal(3, cases.Length);
        Assert.All(cases, c => Assert.Null(c.Element("failure")));
        Assert.Equal("pr-review.verdicts", cases[0].Attribute("classname")!.Value);
        Assert.Equal(["evals.xml"], Directory.GetFiles(Path.Combine(Cli.WorkingDirectory, "reports")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_case_exits_ten_and_the_html_report_shows_hostile_output_as_text()
    {
        const string Hostile = "<img src=x onerror=alert(1)> retries </pre><script>alert(2)</script>";
        WriteSkill("summarize");
        var answer = JsonSerializer.Serialize("{\"summary\": " + JsonSerializer.Serialize(Hostile, CliTestJson.Default.String) + ", \"words\": 9}", CliTestJson.Default.String);
        Cli.WriteFile("summarize/evals/recordings/short.json", """{"version": 1, "exchanges": [{"response": {"text": """ + answer + """}}, {"response": {"text": "{\"pass\": false, \"reason\": \"Two sentences <b>here</b>.\"}"}}]}""");

        var result = await Cli.RunAsync("eval", "summarize", "--replay", "--format", "html", "-o", "report.html");

        Assert.True(result.ExitCode == 10, result.ToString());
        Assert.StartsWith("skillrt: FAILED: 0 of 1 case passed; 0/1 trials", Lines(result.Error)[^1], StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(Cli.WorkingDirectory, "report.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>here", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Two sentences &lt;b&gt;here&lt;/b&gt;.", html, StringComparison.Ordinal);
        Assert.Contains("$.words is 4 ± 1: $[&#x27;words&#x27;] is 9, 5 away (allowed 1)", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_recorded_on_the_model_replays_offline_with_the_same_verdicts()
    {
        var server = await _session.StartServerAsync();
        server.EnqueueCompletion("""{"summary": "About retries.", "words": 2}""");
        server.EnqueueCompletion("""{"pass": true, "reason": "One sentence."}""");
        server.EnqueueCompletion("""{"summary": "About retries and backoff.", "words": 4}""");
        server.EnqueueCompletion("""{"pass": true, "reason": "One sentence."}""");
        WriteSkill("summarize");

        var recorded = await Cli.RunAsync("eval", "summarize", "--record", "--trials", "2", "--format", "json");
        Cli.Environment["OPENAI_BASE_URL"] = null;
        Cli.Environment["OPENAI_API_KEY"] = null;
        Cli.Environment["SKILLRT_MODEL"] = null;
        var replayed = await Cli.RunAsync("eval", "summarize", "--replay", "--trials", "2", "--format", "json");

        // Trial 1 (2 words, 2 off) fails the approx; trial 2 passes; only trial 1 is recorded, so the replay fails twice.
        Assert.True(recorded.ExitCode == 10, recorded.ToString());
        Assert.True(replayed.ExitCode == 10, replayed.ToString());
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("One sentence.", JsonDocument.Parse(recorded.Output).RootElement.GetProperty("cases")[0].GetProperty("trials")[1].GetProperty("assertions")[2].GetProperty("message").GetString());
        using var replay = JsonDocument.Parse(replayed.Output);
        var trials = replay.RootElement.GetProperty("cases")[0].GetProperty("trials").EnumerateArray().ToArray();
        Assert.All(trials, t => Assert.Equal("About retries.", t.GetProperty("output").GetProperty("summary").GetString()));
        Assert.All(trials, t => Assert.False(t.GetProperty("passed").GetBoolean()));
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.WorkingDirectory, "summarize", "evals", "recordings", "short.json"))).RootElement.GetProperty("exchanges").GetArrayLength());
    }

    [Fact]
    public async Task A_report_that_cannot_replace_its_target_leaves_the_target_and_no_temporary_file()
    {
        // A folder stands where the report should go, so the final move fails after the report was written.
        Directory.CreateDirectory(Path.Combine(Cli.WorkingDirectory, "report.html"));
        Cli.WriteFile("report.html/keep.txt", "kept");

        var result = await Cli.RunAsync("eval", PrReview, "--replay", "--format", "html", "-o", "report.html");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("skillrt: --output: cannot write '" + Path.Combine(Cli.WorkingDirectory, "report.html") + "'", Lines(result.Error)[^1], StringComparison.Ordinal);
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(Cli.WorkingDirectory).Select(Path.GetFileName));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(Cli.WorkingDirectory, "report.html", "keep.txt")));
    }

    [Fact]
    public async Task Bad_eval_files_exit_one_with_every_problem_located()
    {
        WriteSkill("summarize", """
            cases:
              - name: short
                inputs: {text: 1, colour: red}
                expect:
                  - path: $..summary
                    contains: retries
            """);

        var result = await Cli.RunAsync("eval", "summarize", "--replay");

        Assert.Equal(1, result.ExitCode);
        var file = Path.Combine(Cli.WorkingDirectory, "summarize", "evals", "basics.yaml");
        var lines = Lines(result.Error);
        Assert.Contains(lines, line => line.StartsWith($"{file}(3,23): error EVAL0008: Case 'short'", StringComparison.Ordinal) && line.Contains("colour", StringComparison.Ordinal));
        Assert.Contains($"{file}(5,16): error EVAL0010: '$..summary' is not a supported JSONPath: descendant segments ('..') are not supported; write the full path to the member", lines);
        Assert.StartsWith("skillrt: the evals of summarize have ", lines[^1], StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Wrong_command_lines_and_a_missing_model_are_refused_before_anything_runs()
    {
        var both = await Cli.RunAsync("eval", PrReview, "--replay", "--record");
        var trials = await Cli.RunAsync("eval", PrReview, "--replay", "--trials", "0");
        var format = await Cli.RunAsync("eval", PrReview, "--replay", "--format", "xml");
        var noModel = await Cli.RunAsync("eval", PrReview);
        var noEvals = await Cli.RunAsync("eval", Path.Combine(TestPaths.Examples, "csv-summary"), "--replay");

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, trials.ExitCode);
        Assert.Contains("--trials is 0", trials.Error, StringComparison.Ordinal);
        Assert.Equal(2, format.ExitCode);
        Assert.Equal(5, noModel.ExitCode);
        Assert.Contains("replay their recordings with --replay", noModel.Error, StringComparison.Ordinal);
        Assert.True(noEvals.ExitCode == 1, noEvals.ToString());
        Assert.Contains("error EVAL0002", noEvals.Error, StringComparison.Ordinal);
    }

    private void WriteSkill(string folder, string evals = Evals)
    {
        Cli.WriteFile(folder + "/SKILL.md", Skill);
        Cli.WriteFile(folder + "/evals/basics.yaml", evals);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
