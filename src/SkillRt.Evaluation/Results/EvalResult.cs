using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>
/// The outcome of one run of a skill's evals: every case with its trials, and the totals. It is what
/// a report is written from, and what a registry stores per version and compares with the next one
/// (<see cref="EvalComparison.Compare"/>); <see cref="WriteJsonAsync"/> and <see cref="ReadJsonAsync"/>
/// give it a stable, versioned JSON form for that.
/// </summary>
public sealed class EvalResult
{
    /// <summary>The version of the JSON form <see cref="WriteJsonAsync"/> writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Creates the result.</summary>
    /// <param name="skillName">The skill's name.</param>
    /// <param name="skillVersion">The skill's version, or null when it declares none.</param>
    /// <param name="mode">How the model answered: live, replay or record.</param>
    /// <param name="startedAt">When the run started.</param>
    /// <param name="duration">How long it took.</param>
    /// <param name="cases">Each case, in the suite's order.</param>
    public EvalResult(string skillName, string? skillVersion, EvalModelMode mode, DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<EvalCaseResult> cases)
    {
        ArgumentNullException.ThrowIfNull(skillName);
        ArgumentNullException.ThrowIfNull(cases);
        SkillName = skillName;
        SkillVersion = skillVersion;
        Mode = mode;
        StartedAt = startedAt;
        Duration = duration;
        Cases = cases;
    }

    /// <summary>The skill's name.</summary>
    public string SkillName { get; }

    /// <summary>The skill's version, or null when it declares none.</summary>
    public string? SkillVersion { get; }

    /// <summary>How the model answered: live, replayed from the recordings, or live and recorded.</summary>
    public EvalModelMode Mode { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Each case, in the suite's order (files by name, cases as written).</summary>
    public IReadOnlyList<EvalCaseResult> Cases { get; }

    /// <summary>Whether every case passed (and there was at least one).</summary>
    public bool Passed => Cases.Count > 0 && Cases.All(@case => @case.Passed);

    /// <summary>The cases that did not reach their pass rate.</summary>
    public IEnumerable<EvalCaseResult> FailedCases => Cases.Where(@case => !@case.Passed);

    /// <summary>Trials run, over every case.</summary>
    public int TotalTrials => Cases.Sum(@case => @case.Trials.Count);

    /// <summary>Trials passed, over every case.</summary>
    public int PassedTrials => Cases.Sum(@case => @case.Passes);

    /// <summary>The share of all trials that passed; 0 when none ran.</summary>
    public double PassRate => TotalTrials == 0 ? 0 : (double)PassedTrials / TotalTrials;

    /// <summary>The 95% Wilson score interval of <see cref="PassRate"/>.</summary>
    public ConfidenceInterval Interval => ConfidenceInterval.Wilson(PassedTrials, TotalTrials);

    /// <summary>Writes the result as JSON (spec/EVAL-SPEC.md section 8): what <c>--format json</c> prints and a registry stores.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken = default) => EvalResultJson.WriteAsync(this, stream, cancellationToken);

    /// <summary>Reads a result written by <see cref="WriteJsonAsync"/>, such as a previous version's stored result.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The result, outputs included.</returns>
    /// <exception cref="FormatException">The JSON is not an eval result of a known format version; the message says what is wrong.</exception>
    public static Task<EvalResult> ReadJsonAsync(Stream stream, CancellationToken cancellationToken = default) => EvalResultJson.ReadAsync(stream, cancellationToken);
}
