using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Testing;

namespace SkillRt.Evaluation;

/// <summary>
/// Runs a suite's cases through the real <see cref="SkillRunner"/> (input validation, rendering, the
/// model or process, output validation and repairs, exactly as in production), each case as many
/// trials as asked, and checks every assertion against each trial's output.
/// </summary>
/// <remarks>
/// A failure of one trial (the skill's error, a model that cannot be reached, a replay that ran out) is
/// recorded in that trial's result, and the run goes on: the result says what failed and why, and
/// nothing but cancellation and misuse of the API throws.
/// </remarks>
public static class EvalRunner
{
    /// <summary>Runs every case of <paramref name="suite"/>.</summary>
    /// <param name="suite">A suite without errors (<see cref="EvalSuite.HasErrors"/> is false).</param>
    /// <param name="model">
    /// The model for <see cref="EvalModelMode.Live"/> and <see cref="EvalModelMode.Record"/>; not disposed.
    /// Not used in a replay, and may be null there or for a skill that runs no model (process, mcp-tool).
    /// </param>
    /// <param name="options">How to run; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the run, including the trial in flight.</param>
    /// <returns>Every case's trials and assertions.</returns>
    /// <exception cref="ArgumentException">The suite has errors, no model was given where one is needed, or <see cref="EvalRunOptions.Trials"/> is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<EvalResult> RunAsync(EvalSuite suite, IChatClient? model, EvalRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        options ??= new EvalRunOptions();
        if (suite.HasErrors)
        {
            var first = suite.Diagnostics.First(d => d.Severity == SkillDiagnosticSeverity.Error);
            throw new ArgumentException($"The suite has errors and cannot run; the first: {first}", nameof(suite));
        }

        if (options.Trials is { } trials && (trials < 1 || trials > EvalLimits.MaxTrials))
        {
            throw new ArgumentException($"Trials is {trials}; run each case 1 to {EvalLimits.MaxTrials} times.", nameof(options));
        }

        var skill = suite.Skill;
        var runsOnModel = skill.Manifest.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;
        if (model is null && options.Mode != EvalModelMode.Replay && runsOnModel)
        {
            throw new ArgumentException($"{skill.Name} runs on a model, and a {EvalResultJson.ModeName(options.Mode)} run was given none; pass a model, or replay the cases' recordings (EvalModelMode.Replay).", nameof(model));
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var total = suite.Cases.Sum(@case => options.Trials ?? @case.Trials);
        var completed = 0;

        var router = new CaseChatClient(
            options.Mode == EvalModelMode.Replay ? null : model,
            $"{skill.Name} asked for a model, and this eval run has none; give the run a model, or a recording for the case.");
        await using var runner = SkillRunner.Create(router, options.RunnerOptions, options.LoggerFactory);

        var cases = new List<EvalCaseResult>(suite.Cases.Count);
        foreach (var @case in suite.Cases)
        {
            var count = options.Trials ?? @case.Trials;
            var (recording, recordingProblem) = options.Mode == EvalModelMode.Replay
                ? await LoadRecordingAsync(@case, suite.Directory, cancellationToken).ConfigureAwait(false)
                : (null, null);

            var results = new List<EvalTrialResult>(count);
            for (var number = 1; number <= count; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trial = await RunTrialAsync(runner, router, suite, @case, number, model, recording, recordingProblem, options, time, cancellationToken).ConfigureAwait(false);
                results.Add(trial);
                options.Progress?.Report(new EvalProgress(@case.Name, number, count, trial.Passed, ++completed, total));
            }

            cases.Add(new EvalCaseResult(@case.Name, @case.File, @case.Line, @case.MinPassRate, results));
        }

        return new EvalResult(skill.Name, skill.Manifest.Version?.ToString(), options.Mode, startedAt, time.GetElapsedTime(started), cases);
    }

    private static async Task<EvalTrialResult> RunTrialAsync(
        SkillRunner runner, CaseChatClient router, EvalSuite suite, EvalCase @case, int number, IChatClient? model,
        ChatRecording? recording, string? recordingProblem, EvalRunOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (options.Mode == EvalModelMode.Replay && recording is null)
        {
            return new EvalTrialResult(number, time.GetElapsedTime(started), null, recordingProblem, []);
        }

        IChatClient? trialClient;
        IDisposable? owned = null;
        switch (options.Mode)
        {
            case EvalModelMode.Replay:
                // A fresh replay per trial: every trial gets the recorded answers from the first.
                var replay = new ReplayChatClient(recording!);
                trialClient = replay;
                owned = replay;
                break;
            case EvalModelMode.Record when number == 1 && @case.RecordingPath is { } path && model is not null:
                var recorder = await StartRecordingAsync(model, path, suite.Directory, cancellationToken).ConfigureAwait(false);
                if (recorder.Problem is not null)
                {
                    return new EvalTrialResult(number, time.GetElapsedTime(started), null, recorder.Problem, []);
                }

                trialClient = recorder.Client;
                owned = recorder.Client;
                break;
            default:
                trialClient = model;
                break;
        }

        router.Current = trialClient;
        try
        {
            JsonElement output;
            try
            {
                var run = await runner.RunAsync(suite.Skill.Contract, @case.Input, options.RunOptions, cancellationToken).ConfigureAwait(false);
                output = run.Output;
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return new EvalTrialResult(number, time.GetElapsedTime(started), null, Describe(exception), []);
            }

            // The grader is the case's own client unless the run names one: a replay then answers the grader from the same file.
            var grader = options.Grader ?? trialClient ?? router;
            var context = new EvalCheckContext(@case.Input, output, grader, options.GraderModelId ?? options.RunOptions?.ModelId);
            var assertions = new List<EvalAssertionResult>(@case.Assertions.Count);
            foreach (var assertion in @case.Assertions)
            {
                assertions.Add(await assertion.Check.CheckAsync(context, cancellationToken).ConfigureAwait(false));
            }

            return new EvalTrialResult(number, time.GetElapsedTime(started), output, null, assertions);
        }
        finally
        {
            router.Current = null;
            owned?.Dispose();
        }
    }

    private static async Task<(ChatRecording? Recording, string? Problem)> LoadRecordingAsync(EvalCase @case, string directory, CancellationToken cancellationToken)
    {
        if (@case.RecordingPath is null)
        {
            return (null, $"the case has no recording to replay; add 'recording: recordings/{@case.Name}.json' to it in {@case.File} and run the evals once with a model in record mode (skillrt eval --record)");
        }

        var shown = Path.GetRelativePath(directory, @case.RecordingPath).Replace('\\', '/');
        try
        {
            return (await ChatRecording.LoadAsync(@case.RecordingPath, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, $"the recording '{shown}' does not exist; record it by running the evals with a model in record mode (skillrt eval --record)");
        }
        catch (Exception exception) when (exception is ChatRecordingException or IOException or UnauthorizedAccessException)
        {
            return (null, $"the recording '{shown}' cannot be read: {exception.Message}");
        }
    }

    private static async Task<(RecordingChatClient? Client, string? Problem)> StartRecordingAsync(IChatClient model, string path, string directory, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // Written once, empty, before the model is asked: a path that cannot be written fails before it is paid for.
            await new ChatRecording().SaveAsync(path, cancellationToken).ConfigureAwait(false);
            return (new RecordingChatClient(new BorrowedChatClient(model), path), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot write the recording '{Path.GetRelativePath(directory, path).Replace('\\', '/')}': {exception.Message}");
        }
    }

    private static string Describe(Exception exception)
    {
        var message = exception.Message;
        if (exception is SkillOutputException output && output.Violations.Count > 0)
        {
            message += " " + string.Join("; ", output.Violations.Take(3).Select(v => v.ToString()));
        }

        return exception is SkillException ? message : $"{exception.GetType().Name}: {message}";
    }
}
