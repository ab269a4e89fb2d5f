using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt run --record</c> and <c>--replay</c>: a run recorded once against a (loopback) model and
/// repeated with no model, no key and no network, in SkillRt.Testing's replay format.
/// </summary>
public sealed class RunReplayCommandTests : IAsyncDisposable
{
    private const string Review = """{"summary":"Adds a retry loop.","verdict":"comment","findings":[]}""";
    private const string PrUrl = "https://github.com/octo/repo/pull/7";

    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private readonly ModelServerCli _session = new();

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task The_QuickStart_replay_runs_its_skill_with_no_model_configured()
    {
        var quickStart = Path.Combine(TestPaths.RepositoryRoot, "samples", "QuickStart");

        var result = await Cli.RunAsync(
            "run", Path.Combine(quickStart, "skills", "pr-review"), "--input", "pr_url=https://github.com/dotnet/runtime/pull/1",
            "--replay", Path.Combine(quickStart, "replays", "pr-review.json"), "-v");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var output = JsonDocument.Parse(result.Output);
        Assert.Equal("major", output.RootElement.GetProperty("findings")[0].GetProperty("severity").GetString());
        var error = Lines(result.Error);
        Assert.Equal(3, error.Length);
        Assert.Equal("  output /findings/0/severity: The string \"blocker\" is not allowed; use one of \"info\", \"minor\", \"major\", \"critical\".", error[1]);
        Assert.StartsWith("ran pr-review@1.2.0: 2 attempts, ", error[2], StringComparison.Ordinal);
        Assert.EndsWith(", tokens 1496 in / 427 out, model gpt-4.1-mini-2025-04-14, 0 tool calls, 1 repair", error[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_run_replays_offline_with_the_same_output_and_repairs()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""", promptTokens: 100, completionTokens: 20);
        server.EnqueueCompletion(Review, promptTokens: 150, completionTokens: 30);

        var recorded = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--record", "recordings/pr-review.json");
        Cli.Environment["OPENAI_BASE_URL"] = null;
        Cli.Environment["OPENAI_API_KEY"] = null;
        Cli.Environment["SKILLRT_MODEL"] = null;
        var replayed = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--replay", "recordings/pr-review.json");

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Equal(recorded.Output, replayed.Output);
        Assert.Equal(2, server.Requests.Count);
        Assert.EndsWith(", tokens 250 in / 50 out, model gpt-test, 0 tool calls, 1 repair\n", replayed.Error, StringComparison.Ordinal);

        // The file is SkillRt.Testing's: each exchange has what was asked and what the model answered.
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.WorkingDirectory, "recordings", "pr-review.json")));
        Assert.Equal(1, file.RootElement.GetProperty("version").GetInt32());
        var exchanges = file.RootElement.GetProperty("exchanges").EnumerateArray().ToArray();
        Assert.Equal(2, exchanges.Length);
        Assert.Equal(Review, exchanges[1].GetProperty("response").GetProperty("text").GetString());
        Assert.Contains(PrUrl, exchanges[0].GetProperty("request").GetProperty("messages")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_that_runs_out_of_answers_exits_four_and_a_missing_or_broken_file_exits_two()
    {
        Cli.WriteFile("one.json", """{"version": 1, "exchanges": [{"response": {"text": "{\"verdict\": \"ship-it\"}"}}]}""");
        Cli.WriteFile("broken.json", """{"version": 1, "exchanges": [{"request": {"messages": []}}]}""");

        var exhausted = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--replay", "one.json");
        var missing = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--replay", "none.json");
        var broken = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--replay", "broken.json");
        var both = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--replay", "one.json", "--record", "two.json");

        Assert.Equal(4, exhausted.ExitCode);
        Assert.Equal(
            $"skillrt: the replay file '{Path.Combine(Cli.WorkingDirectory, "one.json")}' has 1 recorded answer and the run asked the model again (request 2); record the run again with --record, or add an answer to the file.",
            Assert.Single(Lines(exhausted.Error)));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"skillrt: --replay: the file '{Path.Combine(Cli.WorkingDirectory, "none.json")}' does not exist; record one with --record", Assert.Single(Lines(missing.Error)), StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.StartsWith("skillrt: --replay: the replay file '", Assert.Single(Lines(broken.Error)), StringComparison.Ordinal);
        Assert.Contains("exchanges[0]", broken.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.StartsWith("skillrt: --replay and --record cannot be used together", both.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Cli.WorkingDirectory, "two.json")));
    }

    private Task<OpenAIChatServer> StartServerAsync() => _session.StartServerAsync();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
