using System;
using Xunit;

namespace SkillRt.Evaluation.Tests;

/// <summary>
/// The numbers are checked against exact values: Wilson bounds against the closed form (81 of 263 is the
/// textbook example, [0.2553, 0.3662]); Fisher p-values against hypergeometric sums computed with exact
/// fractions (Python's math.comb and fractions.Fraction), which R's fisher.test and SciPy's fisher_exact give too.
/// </summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(3, 3, 0.43850296824495455, 1.0)]
    [InlineData(0, 3, 0.0, 0.5614970317550455)]
    [InlineData(1, 3, 0.06149194472039615, 0.7923403991979523)]
    [InlineData(7, 10, 0.39677814746114537, 0.8922087325936989)]
    [InlineData(81, 263, 0.2552885198782742, 0.36620957698280004)]
    [InlineData(50, 100, 0.4038315303659956, 0.5961684696340044)]
    [InlineData(0, 1, 0.0, 0.7934506856227626)]
    public void Wilson_intervals_match_the_closed_form(int successes, int trials, double lower, double upper)
    {
        var interval = ConfidenceInterval.Wilson(successes, trials);

        Assert.Equal(lower, interval.Lower, 12);
        Assert.Equal(upper, interval.Upper, 12);
    }

    [Fact]
    public void A_wilson_interval_of_no_trials_is_everything_and_bad_counts_are_refused()
    {
        Assert.Equal(new ConfidenceInterval(0, 1), ConfidenceInterval.Wilson(0, 0));
        Assert.Equal("[43.9%, 100%]", ConfidenceInterval.Wilson(3, 3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceInterval.Wilson(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceInterval.Wilson(-1, 3));
    }

    [Theory]
    [InlineData(10, 10, 5, 10, 21.0 / 1292)]
    [InlineData(8, 10, 3, 10, 293.0 / 8398)]
    [InlineData(3, 4, 1, 4, 17.0 / 70)] // Fisher's tea-tasting table: R's fisher.test(alternative = "greater") gives 0.2429.
    [InlineData(20, 20, 19, 20, 0.5)]
    [InlineData(1, 1, 0, 1, 0.5)]
    [InlineData(50, 100, 30, 100, 0.002968670583007767)]
    [InlineData(5, 10, 5, 10, 0.6718591006516703)]
    [InlineData(0, 10, 10, 10, 1.0)]
    public void One_sided_p_values_are_the_exact_hypergeometric_tail(int previousPasses, int previousTrials, int currentPasses, int currentTrials, double expected) =>
        Assert.Equal(expected, FisherExactTest.CurrentWorse(previousPasses, previousTrials, currentPasses, currentTrials), 12);

    [Theory]
    [InlineData(8, 10, 1, 6, 0.03496503496503497)] // R: fisher.test(matrix(c(8, 1, 2, 5), 2))$p.value = 0.03497
    [InlineData(3, 4, 1, 4, 0.4857142857142857)] // the tea-tasting table, two-sided: 34/70
    [InlineData(50, 100, 30, 100, 0.005937341166015534)]
    public void Two_sided_p_values_sum_every_table_no_likelier_than_the_observed_one(int previousPasses, int previousTrials, int currentPasses, int currentTrials, double expected) =>
        Assert.Equal(expected, FisherExactTest.TwoSided(previousPasses, previousTrials, currentPasses, currentTrials), 12);

    [Fact]
    public void Thousands_of_trials_neither_overflow_nor_lose_the_tail()
    {
        var p = FisherExactTest.CurrentWorse(9000, 10000, 8800, 10000);

        Assert.InRange(p, 1e-12, 1e-3);
        Assert.Equal(1.0, FisherExactTest.CurrentWorse(0, 0, 3, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherExactTest.CurrentWorse(3, 2, 1, 1));
    }
}
