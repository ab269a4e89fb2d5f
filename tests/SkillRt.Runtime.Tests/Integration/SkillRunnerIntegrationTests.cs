using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// <see cref="SkillRunner"/> end to end: typed and dynamic skills run through the official OpenAI client
/// (Microsoft.Extensions.AI.OpenAI) against <see cref="OpenAIChatServer"/>, a real HTTP server on loopback.
/// Each test checks what the server received and what the runner returned.
/// </summary>
public sealed class SkillRunnerIntegrationTests
{
    private static readonly Uri PullRequest = new("https://github.com/contoso/app/pull/7");
    /// <summary>How long a slow reply or a streamed chunk is held: only a cancellation ends it within a test.</summary>
    private static readonly TimeSpan Held = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the server may take to see an abort: seconds normally (the client drains for up to 2 s),
    /// far less than <see cref="Held"/>, so a reply that ran to its end is still told apart from an abort.
    /// </summary>
    private static readonly TimeSpan AbortSeen = TimeSpan.FromMinutes(1);

    private const string RepairHeader = "Your answer does not meet the output contract:";
    private const string RepairFooter = "Answer again with the corrected JSON value only.";

    /// <summary>A valid pr-review answer that differs from <see cref="PrReviewAnswers.Valid"/>.</summary>
    private const string EmptySummary = """{"summary":"","verdict":"approve","findings":[]}""";

    private static string PrReviewFolder => Path.Combine(TestPaths.Examples, "pr-review");

    // ---------------------------------------------------------------- typed runs

    [Fact]
    public async Task Typed_run_sends_the_rendered_instructions_the_input_and_the_schema_and_returns_the_typed_output()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid, model: "gpt-4o-mini-2024-07-18", promptTokens: 812, completionTokens: 97);
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o-mini"), new SkillRunnerOptions { Temperature = 0.25f, MaxOutputTokens = 900 });

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest) { Focus = PrReviewFocus.Security }, ct);

        // What the server received.
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(0.25, request.Temperature);
        Assert.Equal(900, request.MaxTokens);
        Assert.Equal(["system", "system", "user"], request.Messages.Select(m => m.Role));

        var system = request.Messages[0].Text;
        var contract = request.Messages[1].Text;
        Assert.StartsWith("# Review a pull request\n\nYou are reviewing https://github.com/contoso/app/pull/7.", system, StringComparison.Ordinal);
        Assert.Contains("`https://github.com/contoso/app/pull/7.diff` with the `fetch_url` tool", system, StringComparison.Ordinal);
        Assert.Contains("2. Concentrate on security problems", system, StringComparison.Ordinal);
        Assert.Contains("3. Report at most 20 findings", system, StringComparison.Ordinal);
        Assert.DoesNotContain("Look for correctness bugs", system, StringComparison.Ordinal);
        Assert.DoesNotContain("4. Include nits", system, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", system, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", system, StringComparison.Ordinal);
        Assert.EndsWith("and `approve` otherwise.\n", system, StringComparison.Ordinal);
        Assert.StartsWith("## Output\n\nAnswer with one JSON value that matches this JSON Schema", contract, StringComparison.Ordinal);
        Assert.EndsWith(PrReviewSkill.Descriptor.OutputSchema!, contract, StringComparison.Ordinal);

        using (var user = JsonDocument.Parse(request.Messages[2].Text))
        {
            var input = user.RootElement;
            Assert.Equal("https://github.com/contoso/app/pull/7", input.GetProperty("pr_url").GetString());
            Assert.Equal("security", input.GetProperty("focus").GetString());
            Assert.Equal(20, input.GetProperty("max_findings").GetInt32());
            Assert.Equal(JsonValueKind.False, input.GetProperty("include_nits").ValueKind);
            Assert.Equal(["focus", "include_nits", "max_findings", "pr_url"], input.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        AssertStructuredOutputRequest(request, PrReviewSkill.Descriptor.OutputSchema!);

        // What the runner returned.
        var output = result.Output;
        Assert.Equal("Adds a cache to the parser.", output.Summary);
        Assert.Equal(PrReviewVerdict.RequestChanges, output.Verdict);
        Assert.Equal(2, output.Findings.Count);
        Assert.Equal("src/Parser.cs", output.Findings[0].File);
        Assert.Equal(42, output.Findings[0].Line);
        Assert.Equal(PrReviewSeverity.Major, output.Findings[0].Severity);
        Assert.Equal("The cache is never invalidated.", output.Findings[0].Message);
        Assert.Null(output.Findings[1].Line);
        Assert.Equal(PrReviewSeverity.Info, output.Findings[1].Severity);
        Assert.Equal("var entry = Find(key);", output.Findings[1].Suggestion);

        var report = result.Report;
        Assert.Equal("pr-review", report.SkillName);
        Assert.Equal(new SemanticVersion(1, 2, 0), report.SkillVersion);
        Assert.Equal(1, report.Attempts);
        Assert.Equal("gpt-4o-mini-2024-07-18", report.ModelId);
        Assert.Equal(812, report.InputTokens);
        Assert.Equal(97, report.OutputTokens);
        Assert.Null(report.EstimatedCost);
        Assert.Empty(report.Repairs);
        Assert.True(report.Duration > TimeSpan.Zero);
        Assert.Equal(0, server.PendingReplies);
    }

    [Fact]
    public async Task Model_configured_on_the_runner_is_the_model_the_server_is_asked_for()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid, promptTokens: 300, completionTokens: 50);
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o-mini"), new SkillRunnerOptions { ModelId = "gpt-4.1-nano" });

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal("gpt-4.1-nano", Assert.Single(server.Requests).Model);
        // The server echoes the requested model when its script names none.
        Assert.Equal("gpt-4.1-nano", result.Report.ModelId);
        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
    }

    [Fact]
    public async Task Schema_violation_is_sent_back_with_the_rejected_answer_and_every_violation_then_repaired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Invalid, model: "gpt-4o-2024-08-06", promptTokens: 500, completionTokens: 40);
        server.EnqueueCompletion(PrReviewAnswers.Valid, model: "gpt-4o-2024-08-06", promptTokens: 700, completionTokens: 90);
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o"));

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        Assert.Equal(2, result.Output.Findings.Count);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(3, requests[0].Messages.Count);
        var second = requests[1];
        Assert.Equal(["system", "system", "user", "assistant", "user"], second.Messages.Select(m => m.Role));
        Assert.Equal(requests[0].Messages[0].Text, second.Messages[0].Text);
        Assert.Equal(requests[0].Messages[1].Text, second.Messages[1].Text);
        Assert.Equal(requests[0].Messages[2].Text, second.Messages[2].Text);
        Assert.Equal(PrReviewAnswers.Invalid, second.Messages[3].Text);
        Assert.Equal("json_schema", second.ResponseFormat?.Type);
        Assert.Equal("gpt-4o", second.Model);

        var feedback = second.Messages[4].Text;
        Assert.StartsWith(RepairHeader, feedback, StringComparison.Ordinal);
        Assert.Contains("- /verdict: ", feedback, StringComparison.Ordinal);
        Assert.Contains("- /findings/0/severity: ", feedback, StringComparison.Ordinal);
        Assert.EndsWith(RepairFooter, feedback, StringComparison.Ordinal);

        var report = result.Report;
        Assert.Equal(2, report.Attempts);
        Assert.Equal(1_200, report.InputTokens);
        Assert.Equal(130, report.OutputTokens);
        Assert.Equal("gpt-4o-2024-08-06", report.ModelId);
        var repair = Assert.Single(report.Repairs);
        Assert.Equal(1, repair.Attempt);
        Assert.Equal(PrReviewAnswers.Invalid, repair.RawOutput);
        Assert.Equal(["/findings/0", "/findings/0/severity", "/verdict"], repair.Violations.Select(v => v.Pointer).Order(StringComparer.Ordinal));
        foreach (var violation in repair.Violations)
        {
            Assert.Contains("- " + violation + "\n", feedback, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Answer_that_is_not_json_is_sent_back_saying_so_then_repaired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion("I cannot review this.");
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        var repair = Assert.Single(result.Report.Repairs);
        Assert.Equal("I cannot review this.", repair.RawOutput);
        var violation = Assert.Single(repair.Violations);
        Assert.Equal(string.Empty, violation.Pointer);
        Assert.StartsWith("The output is not valid JSON:", violation.Message, StringComparison.Ordinal);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        var second = requests[1];
        Assert.Equal(5, second.Messages.Count);
        Assert.Equal(("assistant", "I cannot review this."), (second.Messages[3].Role, second.Messages[3].Text));
        Assert.Equal("user", second.Messages[4].Role);
        Assert.StartsWith(RepairHeader + "\n- (root): The output is not valid JSON:", second.Messages[4].Text, StringComparison.Ordinal);
        Assert.EndsWith(RepairFooter, second.Messages[4].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_still_invalid_after_every_repair_fails_with_the_last_raw_output_after_exactly_three_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Invalid);
        server.EnqueueCompletion("I cannot review this.");
        server.EnqueueCompletion(EmptySummary);
        // A fourth reply that must never be asked for.
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());

        var error = await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), ct));

        Assert.Equal("pr-review", error.SkillName);
        Assert.Equal(EmptySummary, error.RawOutput);
        var violation = Assert.Single(error.Violations);
        Assert.Equal("/summary", violation.Pointer);
        Assert.Contains("/summary", error.Message, StringComparison.Ordinal);

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(1, server.PendingReplies);
        Assert.Equal([3, 5, 7], requests.Select(r => r.Messages.Count));
        var last = requests[2];
        Assert.Equal(["system", "system", "user", "assistant", "user", "assistant", "user"], last.Messages.Select(m => m.Role));
        Assert.Equal(PrReviewAnswers.Invalid, last.Messages[3].Text);
        Assert.Contains("- /verdict: ", last.Messages[4].Text, StringComparison.Ordinal);
        Assert.Equal("I cannot review this.", last.Messages[5].Text);
        Assert.Contains("not valid JSON", last.Messages[6].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_request_is_retried_by_the_transport_and_counts_as_one_attempt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueRateLimited();
        server.EnqueueCompletion(PrReviewAnswers.Valid, promptTokens: 420, completionTokens: 66);
        var runner = new SkillRunner(server.CreateChatClient());

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        Assert.Equal(1, result.Report.Attempts);
        Assert.Empty(result.Report.Repairs);
        Assert.Equal(420, result.Report.InputTokens);
        Assert.Equal(66, result.Report.OutputTokens);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].RawBody, requests[1].RawBody);
        Assert.Equal(3, requests[1].Messages.Count);
        Assert.Equal(0, server.PendingReplies);
    }

    // ---------------------------------------------------------------- streaming

    [Fact]
    public async Task Streamed_run_yields_the_text_as_it_arrives_then_the_typed_output_and_report()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Stream(PrReviewAnswers.Valid, chunks: 5, model: "gpt-4o-2024-08-06", promptTokens: 640, completionTokens: 120));
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o"));

        var updates = new List<SkillRunUpdate<PrReviewOutput>>();
        await foreach (var update in PrReviewSkill.RunStreamingAsync(runner, new PrReviewInput(PullRequest) { IncludeNits = true }, ct))
        {
            updates.Add(update);
        }

        Assert.Equal(6, updates.Count);
        var deltas = updates.Take(5).ToArray();
        Assert.All(deltas, u => Assert.Equal(SkillRunUpdateKind.TextDelta, u.Kind));
        Assert.All(deltas, u => Assert.False(string.IsNullOrEmpty(u.Text)));
        Assert.Equal(PrReviewAnswers.Valid, string.Concat(deltas.Select(u => u.Text)));

        var completed = updates[^1];
        Assert.Equal(SkillRunUpdateKind.Completed, completed.Kind);
        Assert.NotNull(completed.Result);
        Assert.Equal(PrReviewVerdict.RequestChanges, completed.Result.Output.Verdict);
        Assert.Equal("src/Parser.cs", completed.Result.Output.Findings[0].File);
        var report = completed.Result.Report;
        Assert.Equal(1, report.Attempts);
        Assert.Equal(640, report.InputTokens);
        Assert.Equal(120, report.OutputTokens);
        Assert.Equal("gpt-4o-2024-08-06", report.ModelId);
        Assert.Empty(report.Repairs);

        var request = Assert.Single(server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.StreamIncludeUsage);
        Assert.Equal("json_schema", request.ResponseFormat?.Type);
        Assert.Contains("4. Include nits", request.Messages[0].Text, StringComparison.Ordinal);
        using var user = JsonDocument.Parse(request.Messages[2].Text);
        Assert.Equal(JsonValueKind.True, user.RootElement.GetProperty("include_nits").ValueKind);
    }

    [Fact]
    public async Task Streamed_run_with_a_schema_violation_yields_a_repair_between_the_two_attempts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(
            ScriptedReply.Stream(PrReviewAnswers.Invalid, chunks: 3, promptTokens: 200, completionTokens: 30),
            ScriptedReply.Stream(PrReviewAnswers.Valid, chunks: 4, promptTokens: 260, completionTokens: 80));
        var runner = new SkillRunner(server.CreateChatClient());

        var updates = new List<SkillRunUpdate<PrReviewOutput>>();
        await foreach (var update in PrReviewSkill.RunStreamingAsync(runner, new PrReviewInput(PullRequest), ct))
        {
            updates.Add(update);
        }

        Assert.Equal(
            [
                SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.TextDelta,
                SkillRunUpdateKind.Repair,
                SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.TextDelta,
                SkillRunUpdateKind.Completed,
            ],
            updates.Select(u => u.Kind));
        Assert.Equal(PrReviewAnswers.Invalid, string.Concat(updates.Take(3).Select(u => u.Text)));
        Assert.Equal(PrReviewAnswers.Valid, string.Concat(updates.Skip(4).Take(4).Select(u => u.Text)));

        var repair = updates[3].Repair;
        Assert.NotNull(repair);
        Assert.Equal(1, repair.Attempt);
        Assert.Equal(PrReviewAnswers.Invalid, repair.RawOutput);
        Assert.Contains(repair.Violations, v => v.Pointer == "/verdict");

        var result = updates[^1].Result;
        Assert.NotNull(result);
        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        Assert.Equal(2, result.Report.Attempts);
        Assert.Equal(460, result.Report.InputTokens);
        Assert.Equal(110, result.Report.OutputTokens);
        Assert.Same(repair, Assert.Single(result.Report.Repairs));

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.Stream));
        Assert.Equal(["system", "system", "user", "assistant", "user"], requests[1].Messages.Select(m => m.Role));
        Assert.Equal(PrReviewAnswers.Invalid, requests[1].Messages[3].Text);
        Assert.Contains("- /verdict: ", requests[1].Messages[4].Text, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- cancellation

    [Fact]
    public async Task Slow_reply_is_cancelled_by_the_caller_and_the_server_sees_the_abort()
    {
        var ct = TestContext.Current.CancellationToken;
        var requestModel = "cancelled-" + Guid.NewGuid().ToString("N");
        using var activities = new ActivityRecorder();
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueSlow(Held, ScriptedReply.Completion(PrReviewAnswers.Valid));
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { ModelId = requestModel });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Cancelled once the server holds the request: had the cancellation not reached the call, the valid reply would come after all.
        var run = PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), cancellation.Token);
        await server.FirstRequest.WaitAsync(ct);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var aborted = await server.AbortObserved.WaitAsync(AbortSeen, ct);
        Assert.Equal(1, aborted.Number);
        Assert.True(aborted.WasAborted);
        Assert.True(Assert.Single(server.Requests).WasAborted);
        Assert.Equal(requestModel, server.Requests[0].Model);
        var activity = Assert.Single(activities.WithTag("gen_ai.request.model", requestModel));
        Assert.Equal("cancelled", activity.GetTagItem("skillrt.run.outcome"));
        Assert.Equal(1, activity.GetTagItem("skillrt.run.attempts"));
    }

    [Fact]
    public async Task Leaving_a_streamed_run_early_cancels_the_model_call()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Stream(PrReviewAnswers.Valid, chunks: 3, chunkDelay: Held));
        var runner = new SkillRunner(server.CreateChatClient());

        SkillRunUpdate<PrReviewOutput>? first = null;
        await foreach (var update in PrReviewSkill.RunStreamingAsync(runner, new PrReviewInput(PullRequest), ct))
        {
            first = update;
            break;
        }

        Assert.NotNull(first);
        Assert.Equal(SkillRunUpdateKind.TextDelta, first.Kind);
        Assert.True(PrReviewAnswers.Valid.StartsWith(first.Text!, StringComparison.Ordinal), $"The first delta was '{first.Text}'.");
        // The rest of the stream is held for minutes: an abort seen within AbortSeen was caused by leaving, not by the end of the reply.
        var aborted = await server.AbortObserved.WaitAsync(AbortSeen, ct);
        Assert.True(aborted.Stream);
        Assert.True(aborted.WasAborted);
        Assert.Single(server.Requests);
    }

    // ---------------------------------------------------------------- telemetry

    [Fact]
    public async Task Successful_run_is_traced_and_measured_with_the_servers_model_and_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        var requestModel = "telemetry-ok-" + Guid.NewGuid().ToString("N");
        var responseModel = requestModel + "-2025-01-01";
        using var activities = new ActivityRecorder();
        using var measurements = new MeasurementRecorder();
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid, model: responseModel, promptTokens: 43_217, completionTokens: 7_651);
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o-mini"), new SkillRunnerOptions { ModelId = requestModel, Temperature = 0.5f, MaxOutputTokens = 1_000 });

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(requestModel, Assert.Single(server.Requests).Model);
        Assert.Equal(responseModel, result.Report.ModelId);

        var activity = Assert.Single(activities.WithTag("gen_ai.request.model", requestModel));
        Assert.Equal(SkillRtTelemetry.ActivitySourceName, activity.Source.Name);
        Assert.Equal("run_skill pr-review", activity.OperationName);
        Assert.Equal("run_skill pr-review", activity.DisplayName);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal("pr-review", activity.GetTagItem("skillrt.skill.name"));
        Assert.Equal("1.2.0", activity.GetTagItem("skillrt.skill.version"));
        Assert.Equal("markdown-skill", activity.GetTagItem("skillrt.skill.runtime_type"));
        Assert.Equal("json", activity.GetTagItem("gen_ai.output.type"));
        Assert.Equal("success", activity.GetTagItem("skillrt.run.outcome"));
        Assert.Equal(1, activity.GetTagItem("skillrt.run.attempts"));
        Assert.Equal(0, activity.GetTagItem("skillrt.run.repairs"));
        Assert.Equal(0.5, activity.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(1_000, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(responseModel, activity.GetTagItem("gen_ai.response.model"));
        Assert.Equal(43_217L, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7_651L, activity.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Null(activity.GetTagItem("error.type"));
        Assert.NotEqual(ActivityStatusCode.Error, activity.Status);
        Assert.True(activity.Duration > TimeSpan.Zero);

        var run = Assert.Single(measurements.Of("skillrt.runs", "gen_ai.response.model", responseModel));
        Assert.Equal(1, run.Value);
        Assert.Equal("success", run.Tags["skillrt.run.outcome"]);
        Assert.Equal("pr-review", run.Tags["skillrt.skill.name"]);

        var duration = Assert.Single(measurements.Of("skillrt.run.duration", "gen_ai.response.model", responseModel));
        Assert.Equal("success", duration.Tags["skillrt.run.outcome"]);
        Assert.InRange(duration.Value, double.Epsilon, result.Report.Duration.TotalSeconds + 1);

        // Token counts carry only the skill name and the token type; the counts themselves are unique to this test.
        var input = Assert.Single(measurements.Of("skillrt.tokens", "gen_ai.token.type", "input"), m => m.Value == 43_217);
        Assert.Equal("pr-review", input.Tags["skillrt.skill.name"]);
        var output = Assert.Single(measurements.Of("skillrt.tokens", "gen_ai.token.type", "output"), m => m.Value == 7_651);
        Assert.Equal("pr-review", output.Tags["skillrt.skill.name"]);
    }

    [Fact]
    public async Task Request_model_tag_names_the_clients_model_when_the_runner_names_none()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientModel = "telemetry-client-" + Guid.NewGuid().ToString("N");
        using var activities = new ActivityRecorder();
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient(clientModel));

        await PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(clientModel, Assert.Single(server.Requests).Model);
        // The server echoed the model it was asked for, so the response model identifies this run.
        var activity = Assert.Single(activities.WithTag("gen_ai.response.model", clientModel));
        Assert.Equal("openai", activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(clientModel, activity.GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task Run_with_output_invalid_after_every_repair_is_traced_as_an_error_and_counted_as_output_invalid()
    {
        var ct = TestContext.Current.CancellationToken;
        var requestModel = "telemetry-bad-" + Guid.NewGuid().ToString("N");
        var responseModel = requestModel + "-2025-01-01";
        using var activities = new ActivityRecorder();
        using var measurements = new MeasurementRecorder();
        await using var server = await OpenAIChatServer.StartAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            server.EnqueueCompletion(PrReviewAnswers.Invalid, model: responseModel, promptTokens: 10_007, completionTokens: 3_001);
        }

        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { ModelId = requestModel });

        var error = await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), ct));
        Assert.Equal(3, server.Requests.Count);

        var activity = Assert.Single(activities.WithTag("gen_ai.request.model", requestModel));
        Assert.Equal("run_skill pr-review", activity.OperationName);
        Assert.Equal("output_invalid", activity.GetTagItem("skillrt.run.outcome"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(error.Message, activity.StatusDescription);
        Assert.Equal(typeof(SkillOutputException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal(3, activity.GetTagItem("skillrt.run.attempts"));
        Assert.Equal(2, activity.GetTagItem("skillrt.run.repairs"));
        Assert.Equal(responseModel, activity.GetTagItem("gen_ai.response.model"));
        Assert.Equal(30_021L, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(9_003L, activity.GetTagItem("gen_ai.usage.output_tokens"));

        var run = Assert.Single(measurements.Of("skillrt.runs", "gen_ai.response.model", responseModel));
        Assert.Equal(1, run.Value);
        Assert.Equal("output_invalid", run.Tags["skillrt.run.outcome"]);
        var duration = Assert.Single(measurements.Of("skillrt.run.duration", "gen_ai.response.model", responseModel));
        Assert.Equal("output_invalid", duration.Tags["skillrt.run.outcome"]);
        Assert.Single(measurements.Of("skillrt.tokens", "gen_ai.token.type", "input"), m => m.Value == 30_021);
        Assert.Single(measurements.Of("skillrt.tokens", "gen_ai.token.type", "output"), m => m.Value == 9_003);
    }

    // ---------------------------------------------------------------- bad input

    [Fact]
    public async Task Typed_input_with_a_relative_url_is_rejected_before_any_request()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());

        var error = await Assert.ThrowsAsync<SkillInputException>(
            () => PrReviewSkill.RunAsync(runner, new PrReviewInput(new Uri("pulls/7", UriKind.Relative)), ct));

        Assert.Equal("pr-review", error.SkillName);
        var violation = Assert.Single(error.Violations);
        Assert.Equal("/pr_url", violation.Pointer);
        Assert.Equal("Expected an absolute URL such as https://example.com/path but found the string \"pulls/7\".", violation.Message);
        Assert.Contains("/pr_url", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(1, server.PendingReplies);
    }

    [Fact]
    public async Task Dynamic_input_with_several_problems_is_rejected_with_all_of_them_before_any_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var skill = await SkillDefinition.LoadAsync(PrReviewFolder, ct);
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());
        using var input = JsonDocument.Parse("""{"focus":"everything","max_findings":"ten","extra":1}""");

        var error = await Assert.ThrowsAsync<SkillInputException>(() => runner.RunAsync(skill, input.RootElement, cancellationToken: ct));

        Assert.Equal("pr-review", error.SkillName);
        var violations = error.Violations;
        var report = string.Join(Environment.NewLine, violations);
        Assert.True(violations.Count >= 4, "Expected at least four violations but got:" + Environment.NewLine + report);
        Assert.Contains(violations, v => v.Message.Contains("'pr_url'", StringComparison.Ordinal) && v.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Pointer == "/focus" && v.Message.StartsWith("The string \"everything\" is not allowed; use one of", StringComparison.Ordinal) && v.Message.Contains("security", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Pointer == "/max_findings" && v.Message == "Expected an integer but found the string \"ten\".");
        Assert.Contains(violations, v => v.Message.StartsWith("The property 'extra' is not allowed", StringComparison.Ordinal));
        foreach (var violation in violations)
        {
            Assert.Contains(violation.ToString(), error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(server.Requests);
        Assert.Equal(1, server.PendingReplies);
    }

    // ---------------------------------------------------------------- dynamic runs

    [Fact]
    public async Task Dynamic_run_sends_the_input_with_its_defaults_and_returns_the_json_output()
    {
        var ct = TestContext.Current.CancellationToken;
        var skill = await SkillDefinition.LoadAsync(PrReviewFolder, ct);
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Valid, model: "gpt-4o-mini-2024-07-18", promptTokens: 333, completionTokens: 44);
        var runner = new SkillRunner(server.CreateChatClient("gpt-4o-mini"));
        using var input = JsonDocument.Parse("""{"pr_url":"https://github.com/a/b/pull/1"}""");

        var result = await runner.RunAsync(skill, input.RootElement, cancellationToken: ct);

        using (var expected = JsonDocument.Parse(PrReviewAnswers.Valid))
        {
            Assert.True(JsonElement.DeepEquals(expected.RootElement, result.Output), $"The output was {result.Output}.");
        }

        Assert.Equal("pr-review", result.Report.SkillName);
        Assert.Equal(new SemanticVersion(1, 2, 0), result.Report.SkillVersion);
        Assert.Equal(1, result.Report.Attempts);
        Assert.Equal("gpt-4o-mini-2024-07-18", result.Report.ModelId);
        Assert.Equal(333, result.Report.InputTokens);
        Assert.Equal(44, result.Report.OutputTokens);

        var request = Assert.Single(server.Requests);
        Assert.Equal(["system", "system", "user"], request.Messages.Select(m => m.Role));
        var system = request.Messages[0].Text;
        Assert.StartsWith("# Review a pull request\n\nYou are reviewing https://github.com/a/b/pull/1.", system, StringComparison.Ordinal);
        Assert.Contains("2. Look for correctness bugs, security problems and style issues.", system, StringComparison.Ordinal);
        Assert.Contains("3. Report at most 20 findings", system, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", system, StringComparison.Ordinal);
        Assert.EndsWith(skill.Descriptor.OutputSchema!, request.Messages[1].Text, StringComparison.Ordinal);

        using (var user = JsonDocument.Parse(request.Messages[2].Text))
        {
            var sent = user.RootElement;
            Assert.Equal("https://github.com/a/b/pull/1", sent.GetProperty("pr_url").GetString());
            Assert.Equal("all", sent.GetProperty("focus").GetString());
            Assert.Equal(20, sent.GetProperty("max_findings").GetInt32());
            Assert.Equal(JsonValueKind.False, sent.GetProperty("include_nits").ValueKind);
            Assert.Equal(4, sent.EnumerateObject().Count());
        }

        AssertStructuredOutputRequest(request, skill.Descriptor.OutputSchema!);
    }

    [Fact]
    public async Task Dynamic_run_repairs_a_schema_violation_pointing_at_the_bad_value()
    {
        const string Blocker = """{"summary":"Adds a cache.","verdict":"comment","findings":[{"file":"a.cs","severity":"blocker","message":"Slow."}]}""";
        var ct = TestContext.Current.CancellationToken;
        var skill = await SkillDefinition.LoadAsync(PrReviewFolder, ct);
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(Blocker);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());
        using var input = JsonDocument.Parse("""{"pr_url":"https://github.com/a/b/pull/1","focus":"style"}""");

        var result = await runner.RunAsync(skill, input.RootElement, cancellationToken: ct);

        using (var expected = JsonDocument.Parse(PrReviewAnswers.Valid))
        {
            Assert.True(JsonElement.DeepEquals(expected.RootElement, result.Output), $"The output was {result.Output}.");
        }

        Assert.Equal(2, result.Report.Attempts);
        var repair = Assert.Single(result.Report.Repairs);
        Assert.Equal(Blocker, repair.RawOutput);
        var violation = Assert.Single(repair.Violations);
        Assert.Equal("/findings/0/severity", violation.Pointer);
        Assert.StartsWith("The string \"blocker\" is not allowed; use one of", violation.Message, StringComparison.Ordinal);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains("2. Concentrate on style problems", requests[0].Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(["system", "system", "user", "assistant", "user"], requests[1].Messages.Select(m => m.Role));
        Assert.Equal(Blocker, requests[1].Messages[3].Text);
        Assert.Contains("- /findings/0/severity: ", requests[1].Messages[4].Text, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Asserts the request asked for structured output with the skill's schema, as the official OpenAI adapter sends it.
    /// </summary>
    /// <remarks>
    /// Microsoft.Extensions.AI.OpenAI rewrites every <c>json_schema</c> response format for OpenAI's strict mode
    /// before sending it (its <c>StrictSchemaTransformCache</c>): keywords strict mode does not support
    /// (<c>minLength</c>, <c>minimum</c>, <c>maxItems</c>, …) move into <c>description</c> as <c>"keyword: value"</c>,
    /// every property becomes required and every object gets <c>additionalProperties: false</c>. So the server
    /// cannot receive the descriptor's schema byte for byte; this checks it received exactly that rewrite of it.
    /// </remarks>
    private static void AssertStructuredOutputRequest(RecordedRequest request, string outputSchema)
    {
        var format = request.ResponseFormat;
        Assert.NotNull(format);
        Assert.Equal("json_schema", format.Type);
        Assert.Equal("pr-review", format.SchemaName);
        Assert.NotNull(format.Schema);
        using var expected = JsonDocument.Parse(outputSchema);
        AssertSchemaCarries(expected.RootElement, format.Schema.Value, "#");
    }

    private static void AssertSchemaCarries(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != JsonValueKind.Object)
        {
            Assert.True(JsonElement.DeepEquals(expected, actual), $"At {path} the server received {actual} instead of {expected}.");
            return;
        }

        Assert.Equal(JsonValueKind.Object, actual.ValueKind);
        var description = actual.TryGetProperty("description", out var sentDescription) ? sentDescription.GetString() ?? "" : "";
        foreach (var keyword in expected.EnumerateObject())
        {
            var at = path + "/" + keyword.Name;
            if (!actual.TryGetProperty(keyword.Name, out var sent))
            {
                // Moved into the description by the adapter.
                Assert.Contains(keyword.Name + ": " + keyword.Value.GetRawText(), description, StringComparison.Ordinal);
                continue;
            }

            switch (keyword.Name)
            {
                case "description":
                    Assert.StartsWith(keyword.Value.GetString()!, description, StringComparison.Ordinal);
                    break;
                case "required":
                    var required = sent.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
                    Assert.Superset(keyword.Value.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal), required);
                    break;
                case "properties":
                    Assert.Equal(
                        keyword.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                        sent.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        AssertSchemaCarries(property.Value, sent.GetProperty(property.Name), at + "/" + property.Name);
                    }

                    break;
                default:
                    AssertSchemaCarries(keyword.Value, sent, at);
                    break;
            }
        }

        // What the adapter adds: the description holding moved keywords, every property required, no other properties.
        foreach (var keyword in actual.EnumerateObject().Where(k => !expected.TryGetProperty(k.Name, out _)))
        {
            switch (keyword.Name)
            {
                case "description":
                    break;
                case "additionalProperties":
                    Assert.Equal(JsonValueKind.False, keyword.Value.ValueKind);
                    break;
                case "required":
                    Assert.True(actual.TryGetProperty("properties", out var properties), $"At {path} the server received 'required' without 'properties'.");
                    Assert.Equal(
                        properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                        keyword.Value.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
                    break;
                default:
                    Assert.Fail($"At {path} the server received the keyword '{keyword.Name}', which the skill's schema does not have.");
                    break;
            }
        }
    }

    /// <summary>Records every stopped activity of the SkillRt source while it lives.</summary>
    private sealed class ActivityRecorder : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ActivityListener _listener;

        public ActivityRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SkillRtTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity => _stopped.Enqueue(activity),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The stopped activities whose tag <paramref name="name"/> is <paramref name="value"/> (other tests run at the same time).</summary>
        public Activity[] WithTag(string name, string value) =>
            _stopped.Where(a => string.Equals(a.GetTagItem(name) as string, value, StringComparison.Ordinal)).ToArray();

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Records every measurement of the SkillRt meter while it lives.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
        private readonly MeterListener _listener = new();

        public MeasurementRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SkillRtTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        /// <summary>The measurements of <paramref name="instrument"/> whose tag <paramref name="name"/> is <paramref name="value"/>.</summary>
        public RecordedMeasurement[] Of(string instrument, string name, string value) =>
            _measurements
                .Where(m => m.Instrument == instrument && m.Tags.TryGetValue(name, out var tag) && string.Equals(tag as string, value, StringComparison.Ordinal))
                .ToArray();

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, tag) in tags)
            {
                copy[key] = tag;
            }

            _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
        }
    }

    private sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
