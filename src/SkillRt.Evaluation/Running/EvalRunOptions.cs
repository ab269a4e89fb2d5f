using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SkillRt.Evaluation;

/// <summary>How <see cref="EvalRunner.RunAsync"/> runs a suite.</summary>
public sealed class EvalRunOptions
{
    /// <summary>Where the model's answers come from; <see cref="EvalModelMode.Live"/> by default.</summary>
    public EvalModelMode Mode { get; init; } = EvalModelMode.Live;

    /// <summary>How many times to run every case, overriding the files' <c>trials</c>; null keeps theirs.</summary>
    public int? Trials { get; init; }

    /// <summary>
    /// The model that grades <c>rubric</c> assertions. Null: the case's own model, so in a replay the
    /// grader's answers come from the case's recording too, after the skill's.
    /// </summary>
    public IChatClient? Grader { get; init; }

    /// <summary>The model id the grader is asked for; null for the grader client's default.</summary>
    public string? GraderModelId { get; init; }

    /// <summary>The runner's options (working folder, sandbox, MCP servers, sibling skills, time limit); the defaults when null.</summary>
    public SkillRunnerOptions? RunnerOptions { get; init; }

    /// <summary>Per-run overrides, such as the model id; none when null.</summary>
    public SkillRunOptions? RunOptions { get; init; }

    /// <summary>Told when each trial starts and ends, for progress on long runs.</summary>
    public IProgress<EvalProgress>? Progress { get; init; }

    /// <summary>Where the runner logs each run; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock for start times and durations; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
