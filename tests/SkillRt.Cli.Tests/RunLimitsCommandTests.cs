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
/// <c>skillrt run</c> as a process against model servers that misbehave the way real ones do (never
/// answering, dropping the connection, answering without end), and process skills without inputs:
/// every failure is one line and its documented exit code, never 70.
/// </summary>
public sealed class RunLimitsCommandTests : IAsyncDisposable
{
    private const string PrUrl = "https://github.com/octo/repo/pull/7";

    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private readonly ModelServerCli _session = new();

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_server_that_never_answers_exits_four_at_the_timeout_naming_the_option()
    {
        var server = await StartServerAsync();
        server.Enqueue(ScriptedReply.Hang(), ScriptedReply.Hang(), ScriptedReply.Hang());

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--timeout", "2s");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(
            "skillrt: the run of pr-review did not finish within 2s; raise it with --timeout (or SKILLRT_TIMEOUT), such as --timeout 4s.",
            Assert.Single(Lines(result.Error)));
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task The_timeout_variable_applies_and_bad_durations_are_refused_before_the_run()
    {
        var server = await StartServerAsync();
        server.Enqueue(ScriptedReply.Hang());
        Cli.Environment["SKILLRT_TIMEOUT"] = "1.5s";
        var fromVariable = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);
        var badOption = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--timeout", "soon");
        Cli.Environment["SKILLRT_TIMEOUT"] = "0s";
        var badVariable = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, fromVariable.ExitCode);
        Assert.StartsWith("skillrt: the run of pr-review did not finish within 1.5s;", fromVariable.Error, StringComparison.Ordinal);
        Assert.Equal(2, badOption.ExitCode);
        Assert.Equal("skillrt: --timeout 'soon' is not a duration; write a number with s, m or h (such as --timeout 90s or --timeout 5m), up to 24h.\n", badOption.Error);
        Assert.Equal(5, badVariable.ExitCode);
        Assert.StartsWith("skillrt: SKILLRT_TIMEOUT is '0s', which is not a duration;", badVariable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_drops_the_connection_exits_four_after_the_retries()
    {
        var server = await StartServerAsync();
        for (var i = 0; i < 5; i++)
        {
            server.Enqueue(ScriptedReply.Drop());
        }

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith($"skillrt: cannot reach the model server {server.BaseAddress}: ", line, StringComparison.Ordinal);
        Assert.EndsWith("check OPENAI_BASE_URL and that the server is running.", line, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_huge_whole_answer_is_not_read_past_the_limit_and_exits_four()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(new string('x', 12 * 1024 * 1024));

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(
            $"skillrt: the model server {server.BaseAddress} sent a response of more than 7 MiB, and it was not read further; ask for a shorter output, or use a model that follows the output contract.",
            Assert.Single(Lines(result.Error)));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_endless_streamed_answer_is_cut_at_the_limit_and_repairs_send_back_only_its_start()
    {
        var server = await StartServerAsync();
        for (var i = 0; i < 3; i++)
        {
            server.Enqueue(ScriptedReply.EndlessStream(new string('y', 64 * 1024)));
        }

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--stream");

        Assert.Equal(4, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.Equal("  output (root): The answer passed the limit of 1,048,576 characters and was not read further; give a much shorter answer.", lines[^2]);
        Assert.StartsWith("skillrt: the output of pr-review still broke its contract after every repair attempt (1 problem)", lines[^1], StringComparison.Ordinal);
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        var growth = requests[2].RawBody.Length - requests[0].RawBody.Length;
        Assert.True(growth < 8 * 1024, $"The last repair request was {growth} characters larger than the first.");
    }

    [Fact]
    public async Task A_process_skill_without_inputs_runs_with_no_input_flags_or_an_empty_object()
    {
        Cli.WriteFile("now/SKILL.md", """
            ---
            name: now
            version: 1.0.0
            description: Answers with what it was given.
            runtime:
              type: process
              command: [cat]
            outputs:
              type: json
            ---
            Echoes its standard input.
            """);
        Cli.WriteFile("empty-list/SKILL.md", """
            ---
            name: empty-list
            version: 1.0.0
            description: Declares an empty list of inputs.
            runtime:
              type: process
              command: [cat]
            inputs: []
            outputs:
              type: json
            ---
            Echoes its standard input.
            """);

        var bare = await Cli.RunAsync("run", "now");
        var emptyObject = await Cli.RunAsync("run", "now", "--inputs", "{}");
        var emptyList = await Cli.RunAsync("run", "empty-list");
        var named = await Cli.RunAsync("run", "now", "--inputs", """{"when": "today"}""");

        Assert.True(bare.ExitCode == 0, bare.ToString());
        Assert.Equal("{}\n", bare.Output);
        Assert.True(emptyObject.ExitCode == 0, emptyObject.ToString());
        Assert.Equal("{}\n", emptyObject.Output);
        Assert.True(emptyList.ExitCode == 0, emptyList.ToString());
        Assert.Equal("{}\n", emptyList.Output);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains("names 'when', which is not an input of now: it declares none", named.Error, StringComparison.Ordinal);
    }

    private Task<OpenAIChatServer> StartServerAsync() => _session.StartServerAsync();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
