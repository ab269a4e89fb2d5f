using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>The runner's pipeline on typed (generated) skills, against an in-memory chat client.</summary>
public sealed class SkillRunnerTests
{
    private static readonly Uri PullRequest = new("https://github.com/contoso/app/pull/7");

    [Fact]
    public async Task Typed_run_renders_the_instructions_sends_the_input_and_returns_the_typed_output()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Valid);
        var runner = new SkillRunner(client);

        var output = await PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest) { Focus = PrReviewFocus.Security }, TestContext.Current.CancellationToken);

        Assert.Equal(PrReviewVerdict.RequestChanges, output.Verdict);
        Assert.Equal(2, output.Findings.Count);
        Assert.Equal(PrReviewSeverity.Major, output.Findings[0].Severity);
        Assert.Equal(42, output.Findings[0].Line);

        var request = Assert.Single(client.Requests);
        Assert.Equal(3, request.Messages.Count);
        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.StartsWith("# Review a pull request\n\nYou are reviewing https://github.com/contoso/app/pull/7.", request.System, StringComparison.Ordinal);
        Assert.Contains("2. Concentrate on security problems", request.System, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", request.System, StringComparison.Ordinal);
        Assert.DoesNotContain("4. Include nits", request.System, StringComparison.Ordinal);
        Assert.EndsWith("`comment` if there are only minor findings, and `approve` otherwise.\n", request.System, StringComparison.Ordinal);
        Assert.StartsWith("## Output\n\nAnswer with one JSON value that matches this JSON Schema", request.Contract, StringComparison.Ordinal);
        Assert.EndsWith(PrReviewSkill.Descriptor.OutputSchema!, request.Contract, StringComparison.Ordinal);

        // The user message is the input as JSON, defaults included.
        Assert.Equal(ChatRole.User, request.Messages[2].Role);
        using var user = JsonDocument.Parse(request.User);
        Assert.Equal("https://github.com/contoso/app/pull/7", user.RootElement.GetProperty("pr_url").GetString());
        Assert.Equal("security", user.RootElement.GetProperty("focus").GetString());
        Assert.Equal(20, user.RootElement.GetProperty("max_findings").GetInt32());
        Assert.False(user.RootElement.GetProperty("include_nits").GetBoolean());

        var format = Assert.IsType<ChatResponseFormatJson>(request.Options!.ResponseFormat);
        Assert.Equal("pr-review", format.SchemaName);
        using var schema = JsonDocument.Parse(PrReviewSkill.Descriptor.OutputSchema!);
        Assert.True(JsonElement.DeepEquals(schema.RootElement, format.Schema!.Value));
    }

    [Fact]
    public async Task Report_has_attempts_model_tokens_and_the_cost_from_the_price_table()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Valid, modelId: "gpt-4.1-mini-2025-04-14", inputTokens: 1_000, outputTokens: 500);
        var options = new SkillRunnerOptions();
        options.Prices.Add("gpt-4.1", new ModelPrice(2m, 8m));
        options.Prices.Add("gpt-4.1-mini", new ModelPrice(0.40m, 1.60m));
        var runner = new SkillRunner(client, options);

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), TestContext.Current.CancellationToken);

        var report = result.Report;
        Assert.Equal("pr-review", report.SkillName);
        Assert.Equal(new SemanticVersion(1, 2, 0), report.SkillVersion);
        Assert.Equal(1, report.Attempts);
        Assert.Equal("gpt-4.1-mini-2025-04-14", report.ModelId);
        Assert.Equal(1_000, report.InputTokens);
        Assert.Equal(500, report.OutputTokens);
        // The longest matching entry (gpt-4.1-mini) prices the dated id: 1000 × 0.40 + 500 × 1.60, per million.
        Assert.Equal(0.0012m, report.EstimatedCost);
        Assert.Empty(report.Repairs);
        Assert.True(report.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task Invalid_output_is_sent_back_with_every_violation_and_the_repaired_output_is_returned()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid, inputTokens: 100, outputTokens: 20).Answer(PrReviewAnswers.Valid, inputTokens: 150, outputTokens: 60);
        var runner = new SkillRunner(client);

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), TestContext.Current.CancellationToken);

        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        Assert.Equal(2, result.Report.Attempts);
        Assert.Equal(250, result.Report.InputTokens);
        Assert.Equal(80, result.Report.OutputTokens);
        var repair = Assert.Single(result.Report.Repairs);
        Assert.Equal(1, repair.Attempt);
        Assert.Equal(PrReviewAnswers.Invalid, repair.RawOutput);
        Assert.Equal(["/findings/0", "/findings/0/severity", "/verdict"], repair.Violations.Select(v => v.Pointer).Order(StringComparer.Ordinal));

        // The second request holds the whole conversation: the rejected answer and every violation.
        Assert.Equal(2, client.Requests.Count);
        var second = client.Requests[1];
        Assert.Equal(5, second.Messages.Count);
        Assert.Equal(ChatRole.Assistant, second.Messages[3].Role);
        Assert.Equal(PrReviewAnswers.Invalid, second.Messages[3].Text);
        Assert.Equal(ChatRole.User, second.Messages[4].Role);
        var feedback = second.Messages[4].Text;
        Assert.StartsWith("Your answer does not meet the output contract:", feedback, StringComparison.Ordinal);
        foreach (var violation in repair.Violations)
        {
            Assert.Contains("- " + violation, feedback, StringComparison.Ordinal);
        }

        Assert.EndsWith("Answer again with the corrected JSON value only.", feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_still_invalid_after_the_repair_attempts_fails_with_the_raw_output_and_every_violation()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer("not json at all").Answer(PrReviewAnswers.Invalid);
        var runner = new SkillRunner(client);

        var error = await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), TestContext.Current.CancellationToken));

        // Two repairs by default: three answers in all.
        Assert.Equal(3, client.Requests.Count);
        Assert.Equal(PrReviewAnswers.Invalid, error.RawOutput);
        Assert.Equal(3, error.Violations.Count);
        Assert.Equal("pr-review", error.SkillName);
        Assert.Contains("/verdict", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", client.Requests[2].Messages[6].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_attempts_come_from_the_runner_and_can_be_overridden_per_call()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Invalid);
        var runner = new SkillRunner(client, new SkillRunnerOptions { MaxRepairAttempts = 5 });

        await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), new SkillRunOptions { MaxRepairAttempts = 0 }, TestContext.Current.CancellationToken));

        Assert.Single(client.Requests);
    }

    [Theory]
    [InlineData("Here is the review:\n```json\n{0}\n```\nLet me know if you need more.")]
    [InlineData("Sure. {0} Hope this helps.")]
    [InlineData("  {0}  ")]
    public async Task Json_wrapped_in_prose_or_a_fence_by_a_provider_that_ignores_structured_output_is_accepted(string wrapping)
    {
        var client = new ScriptedChatClient().Answer(string.Format(System.Globalization.CultureInfo.InvariantCulture, wrapping, PrReviewAnswers.Valid));
        var output = await PrReviewSkill.RunAsync(new SkillRunner(client), new PrReviewInput(PullRequest), TestContext.Current.CancellationToken);

        Assert.Equal(2, output.Findings.Count);
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task Answer_cut_off_at_the_token_limit_says_so_in_the_repair()
    {
        var client = new ScriptedChatClient().Answer("{\"summary\":\"Adds a", finishReason: ChatFinishReason.Length).Answer(PrReviewAnswers.Valid);
        var result = await PrReviewSkill.RunWithReportAsync(new SkillRunner(client, new SkillRunnerOptions { MaxOutputTokens = 50 }), new PrReviewInput(PullRequest), TestContext.Current.CancellationToken);

        var first = result.Report.Repairs[0].Violations[0];
        Assert.Equal("The answer was cut off at the output token limit (50); give a shorter answer.", first.Message);
    }

    [Fact]
    public async Task Invalid_typed_input_is_reported_at_once_and_no_model_is_called()
    {
        var client = new ScriptedChatClient();
        var runner = new SkillRunner(client);
        var relative = new PrReviewInput(new Uri("pulls/7", UriKind.Relative)) { MaxFindings = 5 };
        var missing = new PrReviewInput(null!);
        var undefinedEnum = new PrReviewInput(PullRequest) { Focus = (PrReviewFocus)42 };

        var error = await Assert.ThrowsAsync<SkillInputException>(() => PrReviewSkill.RunAsync(runner, relative, TestContext.Current.CancellationToken));
        Assert.Equal("pr-review", error.SkillName);
        Assert.Equal("/pr_url: Expected an absolute URL such as https://example.com/path but found the string \"pulls/7\".", Assert.Single(error.Violations).ToString());

        error = await Assert.ThrowsAsync<SkillInputException>(() => PrReviewSkill.RunAsync(runner, missing, TestContext.Current.CancellationToken));
        Assert.Contains(error.Violations, v => v.Pointer == "/pr_url");

        error = await Assert.ThrowsAsync<SkillInputException>(() => PrReviewSkill.RunAsync(runner, undefinedEnum, TestContext.Current.CancellationToken));
        Assert.StartsWith("The input cannot be written as JSON: Not a PrReviewFocus value.", Assert.Single(error.Violations).Message, StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task Template_renders_loops_filters_hyphenated_names_and_defaults()
    {
        var client = new ScriptedChatClient().Answer("Autumn moonlight—\na worm digs silently\ninto the chestnut.");
        var runner = new SkillRunner(client);

        var result = await HaikuSkill.RunWithReportAsync(runner, new HaikuInput("chestnuts") { Moods = ["CALM", "Wistful"] }, TestContext.Current.CancellationToken);

        Assert.Equal("Autumn moonlight—\na worm digs silently\ninto the chestnut.", result.Output);
        var system = client.Requests[0].System;
        Assert.StartsWith("Write a haiku about chestnuts in at most 3 lines.", system, StringComparison.Ordinal);
        Assert.Contains("- Let it feel calm.", system, StringComparison.Ordinal);
        Assert.Contains("- Let it feel wistful.", system, StringComparison.Ordinal);
        // Text outputs have no output contract and no structured-output request.
        Assert.Null(client.Requests[0].Contract);
        Assert.Equal(2, client.Requests[0].Messages.Count);
        Assert.Null(client.Requests[0].Options!.ResponseFormat);
    }

    [Fact]
    public async Task Each_input_gets_its_own_rendering_when_runs_alternate()
    {
        var client = new ScriptedChatClient().Answer("1").Answer("2").Answer("3").Answer("4");
        var runner = new SkillRunner(client);

        foreach (var topic in new[] { "rain", "snow", "rain", "sun" })
        {
            await HaikuSkill.RunAsync(runner, new HaikuInput(topic), TestContext.Current.CancellationToken);
        }

        Assert.Equal(
            ["rain", "snow", "rain", "sun"],
            client.Requests.Select(r => r.System.Split(' ')[4]));
    }

    [Fact]
    public async Task Optional_input_without_a_value_renders_as_empty()
    {
        var client = new ScriptedChatClient().Answer("A haiku.");
        await HaikuSkill.RunAsync(new SkillRunner(client), new HaikuInput("rain"), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Let it feel", client.Requests[0].System, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_hints_apply_unless_the_call_or_the_host_says_otherwise()
    {
        var client = new ScriptedChatClient().Answer("one").Answer("two").Answer("three");
        var runner = new SkillRunner(client, new SkillRunnerOptions { ModelId = "host-model", Temperature = 0.1f, MaxOutputTokens = 999 });

        await HaikuSkill.RunAsync(runner, new HaikuInput("a"), TestContext.Current.CancellationToken);
        await HaikuSkill.RunAsync(runner, new HaikuInput("b"), new SkillRunOptions { ModelId = "call-model", Temperature = 0.5f }, TestContext.Current.CancellationToken);
        await HaikuSkill.RunAsync(new SkillRunner(client, new SkillRunnerOptions { ModelId = "host-model", UseSkillModelHints = false }), new HaikuInput("c"), TestContext.Current.CancellationToken);

        var hinted = client.Requests[0].Options!;
        Assert.Equal(("gpt-4.1-mini", 0.9f, 120), (hinted.ModelId, hinted.Temperature, hinted.MaxOutputTokens));
        var overridden = client.Requests[1].Options!;
        Assert.Equal(("call-model", 0.5f, 120), (overridden.ModelId, overridden.Temperature, overridden.MaxOutputTokens));
        var ignored = client.Requests[2].Options!;
        Assert.Equal(("host-model", (float?)null, (int?)null), (ignored.ModelId, ignored.Temperature, ignored.MaxOutputTokens));
    }

    [Fact]
    public async Task Non_object_schema_is_checked_without_a_structured_output_request()
    {
        var client = new ScriptedChatClient().Answer("[\"\"]").Answer("[\"time\", \"lime\"]");
        var result = await WordListSkill.RunWithReportAsync(new SkillRunner(client), new WordListInput("rhyme"), TestContext.Current.CancellationToken);

        Assert.Equal(["time", "lime"], result.Output);
        Assert.Null(client.Requests[0].Options!.ResponseFormat);
        Assert.Equal("/0", Assert.Single(result.Report.Repairs[0].Violations).Pointer);
    }

    [Fact]
    public async Task File_output_is_the_path_the_skill_wrote_and_a_missing_file_is_sent_back()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-file-output-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "report.md"), "# Q3");
            var client = new ScriptedChatClient().Answer("missing.md").Answer("`report.md`");
            var runner = new SkillRunner(client, new SkillRunnerOptions { WorkingDirectory = folder.FullName });

            var result = await ReportFileSkill.RunWithReportAsync(runner, new ReportFileInput("Q3"), TestContext.Current.CancellationToken);

            Assert.Equal(Path.Combine(folder.FullName, "report.md"), result.Output.FullName);
            var violation = Assert.Single(result.Report.Repairs[0].Violations);
            Assert.Equal($"There is no file at '{Path.Combine(folder.FullName, "missing.md")}'; write the output to a file, then answer with only its path.", violation.Message);
            Assert.Contains("answer with only that file's path", client.Requests[0].Contract, StringComparison.Ordinal);
            Assert.EndsWith("Fix the file, then answer again with only its path.", client.Requests[1].Messages[4].Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_process_skill_whose_program_is_missing_fails_before_it_starts()
    {
        var skill = SkillDefinition.Parse("""
            ---
            name: count-lines
            version: 1.0.0
            description: Counts lines.
            runtime:
              type: process
              command: skillrt-no-such-interpreter count.py
            inputs: []
            ---
            Counts lines.
            """);

        await using var runner = new SkillRunner(new ScriptedChatClient());
        var error = await Assert.ThrowsAsync<SkillDependencyException>(() => runner.RunAsync(skill, JsonDocument.Parse("{}").RootElement, cancellationToken: TestContext.Current.CancellationToken));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(SkillDependencyKind.Program, problem.Kind);
        Assert.Equal("program 'skillrt-no-such-interpreter': it is not on PATH; install it or add its folder to PATH", problem.ToString());
    }

    [Fact]
    public void Invalid_options_are_rejected_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => new SkillRunner(new ScriptedChatClient(), new SkillRunnerOptions { MaxRepairAttempts = -1, Temperature = 3, MaxOutputTokens = 0 }));

        Assert.Contains("MaxRepairAttempts is -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Temperature is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxOutputTokens is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_model_call()
    {
        var client = new ScriptedChatClient { Hang = true };
        using var cancellation = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = PrReviewSkill.RunAsync(new SkillRunner(client), new PrReviewInput(PullRequest), cancellation.Token);

        // Cancelled once the model call is waiting: the hanging client ends only when its token is cancelled.
        await client.Called.WaitAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(client.LastToken.IsCancellationRequested);
    }
}
