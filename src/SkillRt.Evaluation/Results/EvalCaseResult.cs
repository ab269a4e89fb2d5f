using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Evaluation;

/// <summary>Every trial of one case, its pass rate with a 95% Wilson interval, and whether the case passed.</summary>
public sealed class EvalCaseResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="name">The case's name, unique in the suite.</param>
    /// <param name="file">The eval file, relative to the skill's folder with '/' separators (<c>evals/basics.yaml</c>).</param>
    /// <param name="line">The line of the case in that file.</param>
    /// <param name="minPassRate">The pass rate the case needs, from 0 to 1.</param>
    /// <param name="trials">Each trial, in order.</param>
    public EvalCaseResult(string name, string file, int line, double minPassRate, IReadOnlyList<EvalTrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(trials);
        Name = name;
        File = file;
        Line = line;
        MinPassRate = minPassRate;
        Trials = trials;
    }

    /// <summary>The case's name, unique in the suite; results of two versions are matched by it.</summary>
    public string Name { get; }

    /// <summary>The eval file, relative to the skill's folder, with '/' separators.</summary>
    public string File { get; }

    /// <summary>The line of the case in that file.</summary>
    public int Line { get; }

    /// <summary>The pass rate the case needs (<c>min-pass-rate</c>), from 0 to 1.</summary>
    public double MinPassRate { get; }

    /// <summary>Each trial, in order.</summary>
    public IReadOnlyList<EvalTrialResult> Trials { get; }

    /// <summary>How many trials passed.</summary>
    public int Passes => Trials.Count(trial => trial.Passed);

    /// <summary>The share of trials that passed; 0 when none ran.</summary>
    public double PassRate => Trials.Count == 0 ? 0 : (double)Passes / Trials.Count;

    /// <summary>The 95% Wilson score interval of the pass rate.</summary>
    public ConfidenceInterval Interval => ConfidenceInterval.Wilson(Passes, Trials.Count);

    /// <summary>Whether trials ran and the pass rate reached <see cref="MinPassRate"/>.</summary>
    public bool Passed => Trials.Count > 0 && Passes >= Math.Ceiling((MinPassRate * Trials.Count) - 1e-9);
}
