using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Evaluation;

/// <summary>
/// Compares a result with a previous version's: what "regressed significantly" means for a publish gate.
/// A case regressed when the one-sided Fisher exact test finds its current pass count lower than before
/// at the significance level (<c>p &lt; alpha</c>); the pooled counts of every shared case are tested the
/// same way, so many small drops that are each insignificant still count together.
/// </summary>
/// <remarks>
/// With one trial per case a single case can never regress significantly (the smallest one-sided p of a
/// 1-of-1 to 0-of-1 drop is 0.5): gate on <see cref="EvalResult.Passed"/> for golden tests, and run
/// enough trials (or cases) for the comparison to have power. Each case is tested at the level given,
/// without a multiple-comparison correction: a gate errs toward stopping a release, not letting it through.
/// </remarks>
public static class EvalComparison
{
    /// <summary>The significance level used when none is given.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>Compares <paramref name="current"/> with <paramref name="previous"/>, case by case (matched by name).</summary>
    /// <param name="previous">The previous version's stored result.</param>
    /// <param name="current">This version's result.</param>
    /// <param name="alpha">The significance level, greater than 0 and less than 1.</param>
    /// <returns>Per-case and pooled tests, and the cases that came or went.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public static EvalComparisonResult Compare(EvalResult previous, EvalResult current, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must be greater than 0 and less than 1, such as 0.05.");
        }

        var before = new Dictionary<string, EvalCaseResult>(StringComparer.Ordinal);
        foreach (var @case in previous.Cases)
        {
            before.TryAdd(@case.Name, @case);
        }

        var cases = new List<EvalCaseComparison>();
        var added = new List<string>();
        int previousPasses = 0, previousTrials = 0, currentPasses = 0, currentTrials = 0;
        foreach (var @case in current.Cases)
        {
            if (!before.TryGetValue(@case.Name, out var old))
            {
                added.Add(@case.Name);
                continue;
            }

            cases.Add(Test(@case.Name, old.Passes, old.Trials.Count, @case.Passes, @case.Trials.Count, alpha));
            previousPasses += old.Passes;
            previousTrials += old.Trials.Count;
            currentPasses += @case.Passes;
            currentTrials += @case.Trials.Count;
        }

        var currentNames = new HashSet<string>(current.Cases.Select(@case => @case.Name), StringComparer.Ordinal);
        var removed = previous.Cases.Select(@case => @case.Name).Where(name => !currentNames.Contains(name)).Distinct(StringComparer.Ordinal).ToList();
        var overall = Test("*", previousPasses, previousTrials, currentPasses, currentTrials, alpha);
        return new EvalComparisonResult(alpha, cases, overall, added, removed);
    }

    private static EvalCaseComparison Test(string name, int previousPasses, int previousTrials, int currentPasses, int currentTrials, double alpha)
    {
        var p = FisherExactTest.CurrentWorse(previousPasses, previousTrials, currentPasses, currentTrials);
        return new EvalCaseComparison(name, previousPasses, previousTrials, currentPasses, currentTrials, p, p < alpha);
    }
}
