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
/// <c>skillrt run</c> as a process, against a real loopback server speaking OpenAI's chat-completions
/// protocol: what reaches the model, what reaches stdout and stderr, and every exit code.
/// </summary>
public sealed class RunCommandTests : IAsyncDisposable
{
    private const string Review = """{"summary":"Adds a retry loop.","verdict":"comment","findings":[{"file":"src/Client.cs","line":12,"severity":"minor","message":"The delay never grows."}]}""";
    private const string PrUrl = "https://github.com/octo/repo/pull/7";

    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private readonly ModelServerCli _session = new();

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task Json_inputs_reach_the_model_and_the_validated_output_goes_to_stdout()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(Review, promptTokens: 120, completionTokens: 40);

        var result = await Cli.RunAsync("run", PrReview, "--inputs", $$"""{"pr_url": "{{PrUrl}}", "focus": "security"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual(Review, result.Output);
        var report = Assert.Single(Lines(result.Error));
        Assert.StartsWith("ran pr-review@1.2.0: 1 attempt, ", report, StringComparison.Ordinal);
        Assert.EndsWith(" s, tokens 120 in / 40 out, model gpt-test, 0 tool calls, 0 repairs", report, StringComparison.Ordinal);

        var request = Assert.Single(server.Requests);
        Assert.Equal("gpt-test", request.Model);
        Assert.Equal("Bearer " + OpenAIChatServer.ApiKey, request.Headers["Authorization"]);
        var instructions = request.Messages[0].Text;
        Assert.Contains($"You are reviewing {PrUrl}.", instructions, StringComparison.Ordinal);
        Assert.Contains("Concentrate on security problems", instructions, StringComparison.Ordinal);
        using var user = JsonDocument.Parse(request.Messages.Last(m => m.Role == "user").Text);
        Assert.Equal(PrUrl, user.RootElement.GetProperty("pr_url").GetString());
    }

    [Fact]
    public async Task Inputs_file_and_typed_key_value_pairs_combine_and_input_wins()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(Review);
        Cli.WriteFile("inputs.json", $$"""
            {
              "pr_url": "{{PrUrl}}",
              "focus": "style",
              "max_findings": 3,
            }
            """);
        Cli.WriteFile("focus.txt", "correctness");

        var result = await Cli.RunAsync(
            "run", PrReview, "--inputs", "@inputs.json", "--input", "focus=@focus.txt", "--input", "max_findings=5", "--input", "include_nits=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var user = JsonDocument.Parse(server.Requests[0].Messages.Last(m => m.Role == "user").Text);
        Assert.Equal(PrUrl, user.RootElement.GetProperty("pr_url").GetString());
        Assert.Equal("correctness", user.RootElement.GetProperty("focus").GetString());
        Assert.Equal(JsonValueKind.Number, user.RootElement.GetProperty("max_findings").ValueKind);
        Assert.Equal(5, user.RootElement.GetProperty("max_findings").GetInt32());
        Assert.True(user.RootElement.GetProperty("include_nits").GetBoolean());
        var instructions = server.Requests[0].Messages[0].Text;
        Assert.Contains("Concentrate on correctness problems", instructions, StringComparison.Ordinal);
        Assert.Contains("Report at most 5 findings", instructions, StringComparison.Ordinal);
        Assert.Contains("Include nits", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_answer_is_repaired_and_the_report_counts_it()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""");
        server.EnqueueCompletion(Review);

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual(Review, result.Output);
        var report = Assert.Single(Lines(result.Error));
        Assert.Contains(": 2 attempts, ", report, StringComparison.Ordinal);
        Assert.EndsWith(", 1 repair", report, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("/verdict", server.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_shows_the_violations_each_repair_sent_back_before_the_report()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""");
        server.EnqueueCompletion(Review);

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "-v");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual(Review, result.Output);
        var error = Lines(result.Error);
        Assert.Equal(3, error.Length);
        Assert.Equal("skillrt: attempt 1 broke the output contract (1 problem); it was sent back to be fixed:", error[0]);
        Assert.Equal("  output /verdict: The string \"ship-it\" is not allowed; use one of \"approve\", \"comment\", \"request-changes\".", error[1]);
        Assert.StartsWith("ran pr-review@1.2.0: 2 attempts, ", error[2], StringComparison.Ordinal);
        Assert.EndsWith(", 1 repair", error[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enum_violations_name_the_value_given_for_inputs_and_outputs()
    {
        var server = await StartServerAsync();
        for (var i = 0; i < 3; i++)
        {
            server.EnqueueCompletion("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""");
        }

        var input = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--input", "focus=speed");
        var output = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(2, input.ExitCode);
        Assert.Equal("  input /focus: The string \"speed\" is not allowed; use one of \"correctness\", \"security\", \"style\", \"all\".", Lines(input.Error)[0]);
        Assert.Equal(4, output.ExitCode);
        Assert.Equal("  output /verdict: The string \"ship-it\" is not allowed; use one of \"approve\", \"comment\", \"request-changes\".", Lines(output.Error)[0]);
    }

    [Fact]
    public async Task Stream_writes_the_model_text_and_repairs_to_stderr_and_the_output_to_stdout()
    {
        var server = await StartServerAsync();
        server.EnqueueStream("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""", chunks: 4);
        server.EnqueueStream(Review, chunks: 5);

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--stream");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual(Review, result.Output);
        Assert.True(server.Requests.All(r => r.Stream));
        var error = Lines(result.Error);
        Assert.Equal("""{"summary":"Looks fine.","verdict":"ship-it","findings":[]}""", error[0]);
        Assert.Equal("skillrt: attempt 1 broke the output contract (1 problem); sending it back to be fixed:", error[1]);
        Assert.StartsWith("  output /verdict: ", error[2], StringComparison.Ordinal);
        Assert.Equal(Review, error[3]);
        Assert.StartsWith("ran pr-review@1.2.0: 2 attempts, ", error[4], StringComparison.Ordinal);
        Assert.Equal(5, error.Length);
    }

    [Fact]
    public async Task Text_output_is_printed_as_plain_text_unless_json_is_asked_for()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("Dear Ada,\nthank you.");
        server.EnqueueCompletion("Dear Ada,\nthank you.");
        var skill = Cli.WriteFile("thank-you/SKILL.md", """
            ---
            name: thank-you
            version: 2.0.0
            description: Writes a short thank-you note.
            inputs:
              - name: person
                required: true
            ---
            Write a two-line thank-you note to {{ person }}.
            """);

        var text = await Cli.RunAsync("run", skill, "--input", "person=Ada");
        var json = await Cli.RunAsync("run", "thank-you", "--input", "person=Ada", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal("Dear Ada,\nthank you.\n", text.Output);
        Assert.Contains("Write a two-line thank-you note to Ada.", server.Requests[0].Messages[0].Text, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("\"Dear Ada,\\nthank you.\"\n", json.Output);
    }

    [Fact]
    public async Task A_skill_without_inputs_runs_on_its_task()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("The file has 3 rows.");

        var result = await Cli.RunAsync("run", Path.Combine(TestPaths.Examples, "csv-summary"), "--task", "Summarize data/sales.csv");
        var withoutTask = await Cli.RunAsync("run", Path.Combine(TestPaths.Examples, "csv-summary"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("The file has 3 rows.\n", result.Output);
        Assert.Equal("Summarize data/sales.csv", server.Requests[0].Messages[^1].Text);
        Assert.Equal(2, withoutTask.ExitCode);
        Assert.Contains("--task", withoutTask.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prose_skill_prints_its_instructions_without_a_model()
    {
        var path = Path.Combine(TestPaths.Examples, "commit-style", "SKILL.md");

        var result = await Cli.RunAsync("run", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), result.Output);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Missing_model_configuration_exits_five_naming_the_variables()
    {
        var nothing = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);
        Cli.Environment["SKILLRT_MODEL"] = "gpt-test";
        var noKey = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);
        Cli.Environment["SKILLRT_MODEL"] = null;
        Cli.Environment["OPENAI_API_KEY"] = "key";
        var noModel = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(5, nothing.ExitCode);
        var line = Assert.Single(Lines(nothing.Error));
        Assert.Contains("SKILLRT_MODEL", line, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", line, StringComparison.Ordinal);
        Assert.Contains("OPENAI_BASE_URL", line, StringComparison.Ordinal);
        Assert.Equal(5, noKey.ExitCode);
        Assert.StartsWith("skillrt: no API key for https://api.openai.com/v1: set OPENAI_API_KEY", noKey.Error, StringComparison.Ordinal);
        Assert.Equal(5, noModel.ExitCode);
        Assert.StartsWith("skillrt: no model is configured: set SKILLRT_MODEL", noModel.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, nothing.Output + noKey.Output + noModel.Output);
    }

    [Fact]
    public async Task Input_problems_are_reported_before_a_missing_model_configuration()
    {
        var result = await Cli.RunAsync("run", PrReview, "--input", "focus=speed");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "  input (root): The required property 'pr_url' is missing.",
                "  input /focus: The string \"speed\" is not allowed; use one of \"correctness\", \"security\", \"style\", \"all\".",
                "skillrt: the input for pr-review is invalid (2 problems); fix the values given with --inputs or --input, or see 'skillrt info pr-review'.",
            ],
            Lines(result.Error));
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task A_local_server_needs_no_key_and_model_option_wins_over_the_variable()
    {
        var server = await StartServerAsync();
        Cli.Environment["OPENAI_API_KEY"] = null;
        server.EnqueueCompletion(Review);

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl, "--model", "llama3.2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("llama3.2", server.Requests[0].Model);
        Assert.Contains("model llama3.2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_json_inputs_exit_two_naming_the_line_and_position()
    {
        Cli.WriteFile("inputs.json", "{\n  \"pr_url\": \"x\",\n  \"focus\": all\n}");

        var inline = await Cli.RunAsync("run", PrReview, "--inputs", "{\"pr_url\": ");
        var file = await Cli.RunAsync("run", PrReview, "--inputs", "@inputs.json");
        var array = await Cli.RunAsync("run", PrReview, "--inputs", "[1]");
        var jsonInput = await Cli.RunAsync("run", PrReview, "--input", "max_findings=lots");

        Assert.Equal(2, inline.ExitCode);
        Assert.StartsWith("skillrt: --inputs is not valid JSON at line 1, position ", Assert.Single(Lines(inline.Error)), StringComparison.Ordinal);
        Assert.Equal(2, file.ExitCode);
        Assert.StartsWith("skillrt: the inputs file 'inputs.json' is not valid JSON at line 3, position 12: ", Assert.Single(Lines(file.Error)), StringComparison.Ordinal);
        Assert.Equal(2, array.ExitCode);
        Assert.Contains("not an object", array.Error, StringComparison.Ordinal);
        Assert.Equal(2, jsonInput.ExitCode);
        Assert.Equal("skillrt: --input max_findings: 'lots' is not a number, and 'max_findings' is an integer input; write it like 42.\n", jsonInput.Error);
    }

    [Fact]
    public async Task Unknown_and_missing_inputs_exit_two_with_the_declared_inputs()
    {
        var server = await StartServerAsync();

        var unknown = await Cli.RunAsync("run", PrReview, "--input", "pr_link=" + PrUrl);
        var missing = await Cli.RunAsync("run", PrReview, "--input", "focus=style");
        var badEnum = await Cli.RunAsync("run", PrReview, "--inputs", $$"""{"pr_url": "{{PrUrl}}", "focus": "speed"}""");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(
            "skillrt: --input names 'pr_link', which is not an input of pr-review: its inputs are pr_url (url, required), focus (string), max_findings (integer), include_nits (boolean); 'skillrt info pr-review' describes them.\n",
            unknown.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("pr_url", missing.Error, StringComparison.Ordinal);
        Assert.EndsWith("skillrt: the input for pr-review is invalid (1 problem); fix the values given with --inputs or --input, or see 'skillrt info pr-review'.\n", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, badEnum.ExitCode);
        Assert.StartsWith("  input /focus: ", badEnum.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Unknown_skill_exits_three()
    {
        var result = await Cli.RunAsync("run", "no-such-skill", "--task", "anything");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("skillrt: no skill 'no-such-skill' is installed", Assert.Single(Lines(result.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_exits_four_with_one_line_about_the_key()
    {
        var server = await StartServerAsync();
        server.EnqueueError(401, "Incorrect API key provided: test-key.", "invalid_request_error", "invalid_api_key");

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(
            $"skillrt: the model server {server.BaseAddress} answered 401 Unauthorized: \"Incorrect API key provided: test-key.\"; check OPENAI_API_KEY.",
            Assert.Single(Lines(result.Error)));
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Server_error_exits_four_after_the_client_retries()
    {
        var server = await StartServerAsync();
        for (var i = 0; i < 4; i++)
        {
            server.Enqueue(ScriptedReply.ServerError("The engine is overloaded."));
        }

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith($"skillrt: the model server {server.BaseAddress} answered 500", line, StringComparison.Ordinal);
        Assert.Contains("\"The engine is overloaded.\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_four()
    {
        // A port reserved and refusing, not a well-known one some machine may serve.
        using var closed = SkillRt.Tests.LoopbackPorts.ReserveClosed(out var port);
        Cli.Environment["OPENAI_BASE_URL"] = $"http://127.0.0.1:{port}/v1";
        Cli.Environment["SKILLRT_MODEL"] = "gpt-test";

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith($"skillrt: cannot reach the model server http://127.0.0.1:{port}/v1", line, StringComparison.Ordinal);
        Assert.EndsWith("check OPENAI_BASE_URL and that the server is running.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_that_stays_invalid_exits_four_with_its_violations()
    {
        var server = await StartServerAsync();
        for (var i = 0; i < 3; i++)
        {
            server.EnqueueCompletion("""{"summary":"","verdict":"approve","findings":[]}""");
        }

        var result = await Cli.RunAsync("run", PrReview, "--input", "pr_url=" + PrUrl);

        Assert.Equal(4, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.StartsWith("  output /summary: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("skillrt: the output of pr-review still broke its contract after every repair attempt (1 problem)", lines[^1], StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_installed_skill_runs_by_name_and_range()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(Review);
        Install("pr-review", "1.2.0", File.ReadAllText(Path.Combine(PrReview, "SKILL.md")));

        var result = await Cli.RunAsync("run", "pr-review@^1.0", "--input", "pr_url=" + PrUrl);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual(Review, result.Output);
        Assert.StartsWith("ran pr-review@1.2.0: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skill_dependencies_come_from_the_store_and_missing_ones_are_listed()
    {
        var server = await StartServerAsync();
        var skill = Cli.WriteFile("release-notes/SKILL.md", """
            ---
            name: release-notes
            version: 1.0.0
            description: Writes release notes, asking the summarizer for each change.
            dependencies:
              skills: [summarize@^1.0, translate@^2.0]
            ---
            Write release notes.
            """);

        var missing = await Cli.RunAsync("run", skill, "--task", "Notes for 1.0");

        Assert.Equal(4, missing.ExitCode);
        var lines = Lines(missing.Error);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  - skill 'summarize@^1.0': ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  - skill 'translate@^2.0': ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("skillrt: release-notes cannot run: 2 dependencies are missing; install missing skills with 'skillrt install <name@range>'", lines[2], StringComparison.Ordinal);
        Assert.Empty(server.Requests);

        Install("summarize", "1.3.0", Dependency("summarize", "1.3.0"));
        Install("translate", "2.1.0", Dependency("translate", "2.1.0"));
        server.EnqueueCompletion("Version 1.0 adds retries.");

        var result = await Cli.RunAsync("run", skill, "--task", "Notes for 1.0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Version 1.0 adds retries.\n", result.Output);
        var tools = server.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains(tools, name => name!.Contains("summarize", StringComparison.Ordinal));
        Assert.Contains(tools, name => name!.Contains("translate", StringComparison.Ordinal));

        static string Dependency(string name, string version) => $"""
            ---
            name: {name}
            version: {version}
            description: The {name} step of release notes.
            ---
            Do the {name} step.
            """;
    }

    [Fact]
    public async Task A_process_skill_runs_without_a_model_configured()
    {
        Cli.WriteFile("echo-back/SKILL.md", """
            ---
            name: echo-back
            version: 1.0.0
            description: Answers with its own input object.
            runtime:
              type: process
              command: [cat]
            inputs:
              - name: word
                required: true
            outputs:
              type: json
            ---
            Echo the input.
            """);

        var result = await Cli.RunAsync("run", "echo-back", "--input", "word=hello");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertJsonEqual("""{"word":"hello"}""", result.Output);
        Assert.EndsWith("tokens n/a in / n/a out, model none, 0 tool calls, 0 repairs\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_naming_an_undeclared_input_is_refused_before_the_run_at_its_line()
    {
        var server = await StartServerAsync();
        var skill = Cli.WriteFile("greet/SKILL.md", """
            ---
            name: greet
            version: 1.0.0
            description: Greets someone.
            inputs:
              - name: person
            ---
            Greet {{ persn }}.
            """);

        var result = await Cli.RunAsync("run", skill, "--input", "person=Ada");

        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(skill + "(8,", lines[0], StringComparison.Ordinal);
        Assert.Contains("persn", lines[0], StringComparison.Ordinal);
        // SKILL0701 is an error (issue 15), so the skill is refused as invalid before anything runs.
        Assert.Contains("SKILL0701", lines[0], StringComparison.Ordinal);
        Assert.Equal($"skillrt: '{skill}' is not a valid skill (1 error); fix the lines above and try again.", lines[1]);
        Assert.Empty(server.Requests);
    }

    private Task<OpenAIChatServer> StartServerAsync() => _session.StartServerAsync();

    private void Install(string name, string version, string content)
    {
        var folder = Cli.StoreEntry(name, version);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), content);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertJsonEqual(string expected, string actual)
    {
        using var expectedJson = JsonDocument.Parse(expected);
        using var actualJson = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(expectedJson.RootElement, actualJson.RootElement), $"expected {expected}\nactual {actual}");
    }
}
