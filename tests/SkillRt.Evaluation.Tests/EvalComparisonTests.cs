using System;
using System.Linq;
using Xunit;

namespace SkillRt.Evaluation.Tests;

public sealed class EvalComparisonTests
{
    [Fact]
    public void A_significant_drop_in_one_case_is_a_regression_and_an_insignificant_one_is_not()
    {
        var previous = Result(("stable", 10, 10), ("dropped", 10, 10), ("wobbly", 9, 10), ("retired", 5, 5));
        var current = Result(("stable", 10, 10), ("dropped", 5, 10), ("wobbly", 8, 10), ("new", 1, 3));

        var comparison = EvalComparison.Compare(previous, current, alpha: 0.05);

        Assert.Equal(["stable", "dropped", "wobbly"], comparison.Cases.Select(c => c.Name));
        var dropped = comparison.Cases[1];
        Assert.Equal(21.0 / 1292, dropped.PValue, 12);
        Assert.True(dropped.Regressed);
        Assert.False(comparison.Cases[2].Regressed);
        Assert.Equal(1.0, comparison.Cases[0].PValue, 12);
        Assert.Equal(["dropped"], comparison.RegressedCases.Select(c => c.Name));
        Assert.Equal(["new"], comparison.AddedCases);
        Assert.Equal(["retired"], comparison.RemovedCases);
        Assert.Equal((29, 30, 23, 30), (comparison.Overall.PreviousPasses, comparison.Overall.PreviousTrials, comparison.Overall.CurrentPasses, comparison.Overall.CurrentTrials));
        Assert.True(comparison.Regressed);
    }

    [Fact]
    public void Small_drops_that_are_each_insignificant_regress_together()
    {
        var names = Enumerable.Range(1, 8).Select(i => "case-" + i).ToArray();
        var previous = Result([.. names.Select(n => (n, 5, 5))]);
        var current = Result([.. names.Select(n => (n, 3, 5))]);

        var comparison = EvalComparison.Compare(previous, current);

        Assert.All(comparison.Cases, c => Assert.False(c.Regressed));
        Assert.True(comparison.Overall.Regressed);
        Assert.True(comparison.Regressed);
    }

    [Fact]
    public void The_same_counts_or_an_improvement_never_regress_and_the_level_is_checked()
    {
        var previous = Result(("a", 3, 10));
        Assert.False(EvalComparison.Compare(previous, Result(("a", 3, 10))).Regressed);
        Assert.False(EvalComparison.Compare(previous, Result(("a", 10, 10))).Regressed);

        // One trial each: a single golden test cannot regress significantly, which the remarks tell gates.
        Assert.False(EvalComparison.Compare(Result(("a", 1, 1)), Result(("a", 0, 1))).Regressed);
        Assert.Throws<ArgumentOutOfRangeException>(() => EvalComparison.Compare(previous, previous, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvalComparison.Compare(previous, previous, 1));
    }

    /// <summary>A result with the given pass counts, built the way a stored result is read back.</summary>
    internal static EvalResult Result(params (string Name, int Passes, int Trials)[] cases) => new(
        "review",
        "1.0.0",
        EvalModelMode.Replay,
        DateTimeOffset.UnixEpoch,
        TimeSpan.FromSeconds(1),
        [.. cases.Select(c => new EvalCaseResult(c.Name, "evals/a.yaml", 1, 1.0, [.. Enumerable.Range(1, c.Trials).Select(i => Trial(i, i <= c.Passes))]))]);

    private static EvalTrialResult Trial(int number, bool passed) =>
        new(number, TimeSpan.FromMilliseconds(5), null, null, [new EvalAssertionResult("equals", "$.verdict equals \"approve\"", passed, passed ? null : "got \"comment\"")]);
}
