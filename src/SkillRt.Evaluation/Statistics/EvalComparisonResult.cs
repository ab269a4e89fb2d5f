using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Evaluation;

/// <summary>What <see cref="EvalComparison.Compare"/> found: per case, over all shared cases, and which cases came or went.</summary>
public sealed class EvalComparisonResult
{
    internal EvalComparisonResult(double alpha, IReadOnlyList<EvalCaseComparison> cases, EvalCaseComparison overall, IReadOnlyList<string> addedCases, IReadOnlyList<string> removedCases)
    {
        Alpha = alpha;
        Cases = cases;
        Overall = overall;
        AddedCases = addedCases;
        RemovedCases = removedCases;
    }

    /// <summary>The significance level the tests were held to.</summary>
    public double Alpha { get; }

    /// <summary>Each case present in both results, in the current result's order.</summary>
    public IReadOnlyList<EvalCaseComparison> Cases { get; }

    /// <summary>The pooled counts of every shared case (named <c>*</c>), tested the same way.</summary>
    public EvalCaseComparison Overall { get; }

    /// <summary>Cases only the current result has (nothing to compare them with).</summary>
    public IReadOnlyList<string> AddedCases { get; }

    /// <summary>Cases only the previous result had. A gate may treat a removed case as a regression; this type only reports it.</summary>
    public IReadOnlyList<string> RemovedCases { get; }

    /// <summary>The cases that regressed significantly.</summary>
    public IEnumerable<EvalCaseComparison> RegressedCases => Cases.Where(@case => @case.Regressed);

    /// <summary>Whether any shared case, or all of them pooled, regressed significantly.</summary>
    public bool Regressed => Overall.Regressed || Cases.Any(@case => @case.Regressed);
}
