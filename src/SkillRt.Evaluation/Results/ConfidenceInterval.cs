using System;
using System.Globalization;

namespace SkillRt.Evaluation;

/// <summary>A confidence interval for a pass rate, as proportions from 0 to 1.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/> at 95%.
    /// Unlike the plain p ± z·√(p(1−p)/n), it stays inside [0, 1] and is not zero-width at 0 or n
    /// successes, which matters for the small trial counts evals use: 3 of 3 passing is [43.9%, 100%].
    /// </summary>
    /// <param name="successes">How many trials passed, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">How many ran; with none, the interval is [0, 1].</param>
    /// <param name="z">The normal quantile; <see cref="Z95"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or successes exceed trials.</exception>
    public static ConfidenceInterval Wilson(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new ConfidenceInterval(0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));

        // At 0 and n successes the bound is exactly 0 or 1; rounding must not leave it a hair inside.
        var lower = successes == 0 ? 0 : Math.Max(0, center - half);
        var upper = successes == trials ? 1 : Math.Min(1, center + half);
        return new ConfidenceInterval(lower, upper);
    }

    /// <summary>The interval as percentages, such as <c>[43.9%, 100%]</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower * 100:0.#}%, {Upper * 100:0.#}%]");
}
