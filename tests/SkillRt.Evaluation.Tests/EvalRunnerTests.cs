using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Testing;
using Xunit;

namespace SkillRt.Evaluation.Tests;

/// <summary>
/// Whole runs: live against the loopback OpenAI-protocol server (Kestrel on 127.0.0.1, the official
/// OpenAI client), recorded, then replayed with no server; rubrics graded through the same protocol.
/// </summary>
public sealed class EvalRunnerTests : IAsyncDisposable
{
    private const string Good = """{"verdict": "approve", "summary": "Fixes a typo."}""";
    private const string Bad = """{"verdict": "comment", "summary": "Fixes a typo."}""";

    private const string Evals = """
        cases:
          - name: approves
            inputs: {pr_url: "https://github.com/octo/repo/pull/7"}
            recording: recordings/approves.json
            expect:
              - path: $.verdict
                equals: approve
              - rubric: The summary names the kind of change.
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OpenAIChatServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rubric_is_graded_by_the_model_with_the_rubric_input_and_output_and_a_json_answer()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(Good);
        server.EnqueueCompletion("""{"pass": true, "reason": "It says it fixes a typo."}""");
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        using var model = server.CreateChatClient();

        var result = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), model, options: null, Ct);

        Assert.True(result.Passed);
        var rubric = result.Cases[0].Trials[0].Assertions[1];
        Assert.Equal("rubric", rubric.Kind);
        Assert.Equal("It says it fixes a typo.", rubric.Message);
        var grading = server.Requests[1];
        Assert.Equal(RubricCheck.Instructions, grading.Messages[0].Text);
        Assert.Contains("The summary names the kind of change.", grading.Messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("https://github.com/octo/repo/pull/7", grading.Messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("Fixes a typo.", grading.Messages[1].Text, StringComparison.Ordinal);
        Assert.Equal("json_schema", grading.ResponseFormat!.Type);
    }

    [Fact]
    public async Task A_failing_grade_and_an_unreadable_grade_fail_the_rubric_with_the_reason()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion(Good).EnqueueCompletion("""{"pass": false, "reason": "It does not say which file."}""");
        server.EnqueueCompletion(Good).EnqueueCompletion("Looks good to me!");
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        using var model = server.CreateChatClient();

        var result = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), model, new EvalRunOptions { Trials = 2 }, Ct);

        var trials = result.Cases[0].Trials;
        Assert.Equal((false, "It does not say which file."), (trials[0].Assertions[1].Passed, trials[0].Assertions[1].Message));
        Assert.False(trials[1].Assertions[1].Passed);
        Assert.Contains("it answered: Looks good to me!", trials[1].Assertions[1].Message, StringComparison.Ordinal);
        Assert.True(trials[1].Assertions[0].Passed);
        Assert.Equal(0, result.Cases[0].Passes);
    }

    [Fact]
    public async Task A_recorded_run_replays_offline_with_the_same_outputs_and_verdicts_every_trial()
    {
        var server = await StartServerAsync();
        server.EnqueueCompletion("""{"verdict": "ship-it", "summary": "x"}""").EnqueueCompletion(Good).EnqueueCompletion("""{"pass": true, "reason": "Yes."}""");
        server.EnqueueCompletion(Bad).EnqueueCompletion("""{"pass": false, "reason": "No."}""");
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        using var model = server.CreateChatClient();
        var progress = new List<EvalProgress>();

        var recorded = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), model, new EvalRunOptions { Mode = EvalModelMode.Record, Trials = 2, Progress = new SynchronousProgress<EvalProgress>(progress.Add) }, Ct);
        await server.DisposeAsync();
        _server = null;
        var replayed = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay, Trials = 3 }, Ct);
        var again = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay, Trials = 3 }, Ct);

        // Only the first trial is recorded: a repair, the answer and the grade.
        var file = await ChatRecording.LoadAsync(skill.PathOf("evals/recordings/approves.json"), Ct);
        Assert.Equal(3, file.Exchanges.Count);
        Assert.Equal([true, false], recorded.Cases[0].Trials.Select(t => t.Passed));
        Assert.Equal([(1, 2, true, 1, 2), (2, 2, false, 2, 2)], progress.Select(p => (p.Trial, p.Trials, p.Passed, p.Completed, p.Total)));
        Assert.Equal(EvalModelMode.Replay, replayed.Mode);
        Assert.Equal(3, replayed.Cases[0].Passes);
        Assert.All(replayed.Cases[0].Trials, trial => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Good), JsonNode.Parse(trial.Output!.Value.GetRawText()))));
        Assert.Equal(Describe(replayed), Describe(again));
    }

    [Fact]
    public async Task A_live_run_without_a_model_and_a_suite_with_errors_are_refused_before_anything_runs()
    {
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        using var broken = new SkillFolder().Write("evals/a.yaml", "cases: 3\n");

        var noModel = await Assert.ThrowsAsync<ArgumentException>(async () => await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, null, Ct));
        var errors = await Assert.ThrowsAsync<ArgumentException>(async () => await EvalRunner.RunAsync(await broken.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay }, Ct));
        var trials = await Assert.ThrowsAsync<ArgumentException>(async () => await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay, Trials = 0 }, Ct));

        Assert.Contains("runs on a model", noModel.Message, StringComparison.Ordinal);
        Assert.Contains("EVAL0006", errors.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 1000", trials.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_round_trips_through_its_json_form()
    {
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        await skill.RecordAsync("evals/recordings/approves.json", Ct, Good, """{"pass": false, "reason": "Too short <b>."}""");
        var result = await EvalRunner.RunAsync(await skill.LoadAsync(Ct), null, new EvalRunOptions { Mode = EvalModelMode.Replay, Trials = 2 }, Ct);

        using var buffer = new MemoryStream();
        await result.WriteJsonAsync(buffer, Ct);
        buffer.Position = 0;
        var read = await EvalResult.ReadJsonAsync(buffer, Ct);

        Assert.Equal(Describe(result), Describe(read));
        Assert.Equal("1.0.0", read.SkillVersion);
        Assert.Equal(result.StartedAt, read.StartedAt);
        using var json = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal(1, json.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal(0.0, json.RootElement.GetProperty("summary").GetProperty("passRate").GetDouble());
        Assert.Equal("Too short <b>.", json.RootElement.GetProperty("cases")[0].GetProperty("trials")[0].GetProperty("assertions")[1].GetProperty("message").GetString());
        await Assert.ThrowsAsync<FormatException>(() => EvalResult.ReadJsonAsync(new MemoryStream("""{"formatVersion": 2}"""u8.ToArray()), Ct));
        await Assert.ThrowsAsync<FormatException>(() => EvalResult.ReadJsonAsync(new MemoryStream("""{"formatVersion": 1, "skill": {}}"""u8.ToArray()), Ct));
        await Assert.ThrowsAsync<FormatException>(() => EvalResult.ReadJsonAsync(new MemoryStream("not json"u8.ToArray()), Ct));
    }

    [Fact]
    public async Task Cancelling_stops_the_trial_in_flight_and_throws()
    {
        var server = await StartServerAsync();
        server.EnqueueSlow(TimeSpan.FromMinutes(5), ScriptedReply.Completion(Good));
        using var skill = new SkillFolder().Write("evals/a.yaml", Evals);
        using var model = server.CreateChatClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = EvalRunner.RunAsync(await skill.LoadAsync(Ct), model, null, cancel.Token);
        await server.FirstRequest.WaitAsync(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private async Task<OpenAIChatServer> StartServerAsync() => _server = await OpenAIChatServer.StartAsync(Ct);

    // What a result says, without times: two runs of the same replay must say the same.
    private static string Describe(EvalResult result) => string.Join(
        "\n",
        result.Cases.SelectMany(c => c.Trials.Select(t =>
            $"{c.Name}#{t.Number} {t.Passed} {t.Error} {(t.Output is { } o ? JsonNode.Parse(o.GetRawText())!.ToJsonString() : null)} " + string.Join(";", t.Assertions.Select(a => $"{a.Kind}:{a.Description}:{a.Passed}:{a.Message}")))));

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
