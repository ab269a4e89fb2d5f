using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Sandboxing;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// The limits of one run, attacked the way a stuck or runaway model server attacks them: a server that
/// accepts and never answers, a repair that never comes back, a process that never ends, and answers
/// far larger than any output should be. The server is <see cref="OpenAIChatServer"/> on loopback,
/// spoken to by the official OpenAI client.
/// </summary>
public sealed class RunLimitsIntegrationTests
{
    private static readonly Uri PullRequest = new("https://github.com/contoso/app/pull/7");

    // ---------------------------------------------------------------- the run's time limit

    [Fact]
    public async Task A_model_that_never_answers_fails_the_run_at_its_time_limit_and_the_request_is_aborted()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = "stuck-" + Guid.NewGuid().ToString("N");
        using var outcomes = new OutcomeRecorder();
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var received = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Enqueue(ScriptedReply.Hang(received));
        var clock = new ManualClock();
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { ModelId = model, RunTimeout = TimeSpan.FromMinutes(2), TimeProvider = clock });

        var run = PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), ct);
        await received.Task.WaitAsync(ct);
        clock.Expire();
        var error = await Assert.ThrowsAsync<SkillTimeoutException>(() => run);

        Assert.Equal("pr-review", error.SkillName);
        Assert.Equal(TimeSpan.FromMinutes(2), error.Timeout);
        Assert.Equal("Skill 'pr-review' did not finish within 2m and was stopped; raise SkillRunnerOptions.RunTimeout, or SkillRunOptions.RunTimeout for one run.", error.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        var aborted = await server.AbortObserved.WaitAsync(ct);
        Assert.Equal(1, aborted.Number);
        Assert.Single(server.Requests);
        Assert.Equal("timeout", outcomes.For(model));
    }

    [Fact]
    public async Task The_time_limit_of_one_call_wins_over_the_runners_and_covers_its_repairs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var received = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.EnqueueCompletion(PrReviewAnswers.Invalid);
        server.Enqueue(ScriptedReply.Hang(received));
        var clock = new ManualClock();
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { RunTimeout = Timeout.InfiniteTimeSpan, TimeProvider = clock });
        var skill = await SkillDefinition.LoadAsync(System.IO.Path.Combine(SkillRt.Tests.TestPaths.Examples, "pr-review"), ct);
        var input = JsonDocument.Parse($$"""{"pr_url":"{{PullRequest}}"}""").RootElement;

        var run = runner.RunAsync(skill, input, new SkillRunOptions { RunTimeout = TimeSpan.FromSeconds(90) }, ct);
        Assert.Equal(2, (await received.Task.WaitAsync(ct)).Number);
        clock.Expire();
        var error = await Assert.ThrowsAsync<SkillTimeoutException>(() => run);

        Assert.Equal(TimeSpan.FromSeconds(90), error.Timeout);
        Assert.StartsWith("Skill 'pr-review' did not finish within 1m30s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await server.AbortObserved.WaitAsync(ct)).Number);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("/verdict", server.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_run_stops_at_its_time_limit_too()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Stream(PrReviewAnswers.Valid, chunks: 3, chunkDelay: TimeSpan.FromHours(1)));
        var clock = new ManualClock();
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { TimeProvider = clock });

        var deltas = 0;
        var error = await Assert.ThrowsAsync<SkillTimeoutException>(async () =>
        {
            await foreach (var update in PrReviewSkill.RunStreamingAsync(runner, new PrReviewInput(PullRequest), ct))
            {
                // The limit passes while the model is half-way through its answer.
                deltas++;
                clock.Expire();
            }
        });

        Assert.Equal("pr-review", error.SkillName);
        Assert.Equal(SkillRunnerOptions.DefaultRunTimeout, error.Timeout);
        Assert.Equal(1, deltas);
        Assert.True((await server.AbortObserved.WaitAsync(ct)).Stream);
    }

    [Fact]
    public async Task A_process_that_never_ends_is_killed_at_the_runs_time_limit()
    {
        SandboxTools.RequireBubblewrap();
        var ct = TestContext.Current.CancellationToken;
        using var folder = new SandboxTestFolder();
        var skill = await folder.SkillAsync("""
            name: forever
            version: 1.0.0
            description: Never ends.
            runtime:
              type: process
              command: [sleep, "600"]
            inputs: []
            outputs:
              type: text
            """);
        await using var runner = new SkillRunner(
            new ScriptedChatClient(),
            new SkillRunnerOptions { WorkingDirectory = folder.Work, RunTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Assert.ThrowsAsync<SkillTimeoutException>(() => runner.RunAsync(skill, JsonDocument.Parse("{}").RootElement, cancellationToken: ct));

        Assert.Equal("forever", error.SkillName);
        Assert.StartsWith("Skill 'forever' did not finish within 500ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_run_stays_a_cancellation_whatever_its_time_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Hang());
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { RunTimeout = TimeSpan.FromHours(1) });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Cancelled while the server holds the request, as a caller giving up on a slow model would.
        var run = PrReviewSkill.RunAsync(runner, new PrReviewInput(PullRequest), cancellation.Token);
        await server.FirstRequest.WaitAsync(ct);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.IsNotType<SkillTimeoutException>(error);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public void A_time_limit_that_is_not_positive_is_refused_with_the_setting_named()
    {
        var client = new ScriptedChatClient();

        var runnerError = Assert.Throws<ArgumentException>(() => new SkillRunner(client, new SkillRunnerOptions { RunTimeout = TimeSpan.Zero }));
        var sizeError = Assert.Throws<ArgumentException>(() => new SkillRunner(client, new SkillRunnerOptions { MaxAnswerLength = 0 }));
        var runner = new SkillRunner(client);
        var callError = Assert.Throws<ArgumentOutOfRangeException>(
            () => { _ = runner.RunAsync(PrReviewSkill.Contract, new PrReviewInput(PullRequest), new SkillRunOptions { RunTimeout = TimeSpan.FromSeconds(-1) }, TestContext.Current.CancellationToken); });

        Assert.Contains("SkillRunnerOptions.RunTimeout is 00:00:00", runnerError.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunnerOptions.MaxAnswerLength is 0", sizeError.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunOptions.RunTimeout is -00:00:01", callError.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), new SkillRunnerOptions().RunTimeout);
        Assert.Equal(1024 * 1024, new SkillRunnerOptions().MaxAnswerLength);
    }

    // ---------------------------------------------------------------- the size of an answer

    [Fact]
    public async Task An_answer_over_the_limit_is_repaired_with_its_start_only_and_the_report_keeps_only_that()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var huge = "{\"summary\":\"" + new string('x', 200_000) + "\"}";
        server.EnqueueCompletion(huge);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { MaxAnswerLength = 100_000 });

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(PrReviewVerdict.RequestChanges, result.Output.Verdict);
        var repair = Assert.Single(result.Report.Repairs);
        var violation = Assert.Single(repair.Violations);
        Assert.Equal("The answer has 200,014 characters, more than the limit of 100,000; give a much shorter answer.", violation.Message);
        Assert.True(repair.RawOutput.Length < 3_000, $"The report kept {repair.RawOutput.Length} characters of the answer.");
        Assert.StartsWith("{\"summary\":\"xxx", repair.RawOutput, StringComparison.Ordinal);

        // The repair request carries the violation and the start of the answer, not the answer.
        var (first, second) = (server.Requests[0], server.Requests[1]);
        var sentBack = second.Messages[3];
        Assert.Equal("assistant", sentBack.Role);
        Assert.EndsWith("more characters of this answer are not repeated here]", sentBack.Text, StringComparison.Ordinal);
        Assert.Contains("limit of 100,000", second.Messages[4].Text, StringComparison.Ordinal);
        Assert.True(second.RawBody.Length - first.RawBody.Length < 4_000, $"The repair request grew by {second.RawBody.Length - first.RawBody.Length} characters.");
    }

    [Fact]
    public async Task A_streamed_answer_that_never_ends_is_read_only_up_to_the_limit_on_every_attempt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            server.Enqueue(ScriptedReply.EndlessStream(new string('a', 8000)));
        }

        var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { MaxAnswerLength = 20_000 });
        long streamed = 0;

        var error = await Assert.ThrowsAsync<SkillOutputException>(async () =>
        {
            await foreach (var update in PrReviewSkill.RunStreamingAsync(runner, new PrReviewInput(PullRequest), ct))
            {
                streamed += update.Text?.Length ?? 0;
            }
        });

        Assert.Equal("The answer passed the limit of 20,000 characters and was not read further; give a much shorter answer.", Assert.Single(error.Violations).Message);
        Assert.True(error.RawOutput.Length < 3_000, $"The exception kept {error.RawOutput.Length} characters.");
        Assert.Equal(3 * 24_000, streamed);
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, request => Assert.True(request.Stream));
        Assert.True(requests[2].RawBody.Length - requests[0].RawBody.Length < 2 * 4_000, $"The last request grew by {requests[2].RawBody.Length - requests[0].RawBody.Length} characters.");
        // Each attempt ended its request; which abort the server notices first is up to the sockets.
        Assert.True((await server.AbortObserved.WaitAsync(ct)).Stream);
    }

    [Fact]
    public async Task A_large_invalid_answer_within_the_limit_is_sent_back_as_an_excerpt_with_its_violations()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var findings = string.Join(",", Enumerable.Range(1, 100).Select(i => $$"""{"file":"src/F{{i}}.cs","severity":"minor","message":"Finding {{i}}: {{new string('z', 1500)}}"}"""));
        var large = $$"""{"summary":"Many findings.","verdict":"lgtm","findings":[{{findings}}]}""";
        Assert.InRange(large.Length, 150_000, SkillRunnerOptions.DefaultMaxAnswerLength);
        server.EnqueueCompletion(large);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        var repair = Assert.Single(result.Report.Repairs);
        Assert.Equal(large, repair.RawOutput);
        Assert.Equal("/verdict", Assert.Single(repair.Violations).Pointer);
        var (first, second) = (server.Requests[0], server.Requests[1]);
        Assert.StartsWith("{\"summary\":\"Many findings.\",\"verdict\":\"lgtm\"", second.Messages[3].Text, StringComparison.Ordinal);
        Assert.EndsWith("more characters of this answer are not repeated here]", second.Messages[3].Text, StringComparison.Ordinal);
        Assert.Contains("- /verdict: ", second.Messages[4].Text, StringComparison.Ordinal);
        Assert.True(second.RawBody.Length - first.RawBody.Length < 4_000, $"The repair request grew by {second.RawBody.Length - first.RawBody.Length} characters.");
    }

    [Fact]
    public async Task A_short_invalid_answer_is_still_sent_back_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion(PrReviewAnswers.Invalid);
        server.EnqueueCompletion(PrReviewAnswers.Valid);
        var runner = new SkillRunner(server.CreateChatClient());

        await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(PullRequest), ct);

        Assert.Equal(PrReviewAnswers.Invalid, server.Requests[1].Messages[3].Text);
    }

    /// <summary>The <c>skillrt.run.outcome</c> of runs, by the model they asked for (other tests run at the same time).</summary>
    private sealed class OutcomeRecorder : IDisposable
    {
        private readonly ConcurrentDictionary<string, string> _outcomes = new(StringComparer.Ordinal);
        private readonly ActivityListener _listener;

        public OutcomeRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SkillRtTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("gen_ai.request.model") is string model && activity.GetTagItem("skillrt.run.outcome") is string outcome)
                    {
                        _outcomes[model] = outcome;
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public string? For(string model) => _outcomes.TryGetValue(model, out var outcome) ? outcome : null;

        public void Dispose() => _listener.Dispose();
    }
}
