using System;
using System.Collections.Generic;

namespace SkillRt.Evaluation;

/// <summary>
/// Fisher's exact test on a 2×2 table of pass counts: a previous result's passes and failures against
/// a current one's. With the margins fixed, the current result's pass count follows the hypergeometric
/// distribution, so the p-value is an exact sum of its probabilities: no normal approximation, which
/// matters at the small trial counts evals have. Probabilities are summed in log space (log-factorials),
/// so thousands of trials neither overflow nor lose the tail.
/// </summary>
public static class FisherExactTest
{
    /// <summary>
    /// The one-sided p-value that the current pass rate is lower than the previous one: the probability,
    /// were both drawn from the same pass rate, of the current result having this many passes or fewer.
    /// This is the test a regression gate asks (R: <c>fisher.test(matrix(c(cp, cf, pp, pf), 2), alternative = "less")</c>).
    /// </summary>
    /// <param name="previousPasses">Trials that passed before.</param>
    /// <param name="previousTrials">Trials run before.</param>
    /// <param name="currentPasses">Trials that pass now.</param>
    /// <param name="currentTrials">Trials run now.</param>
    /// <returns>The p-value, from 0 to 1; 1 when either side ran nothing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or passes exceed trials.</exception>
    public static double CurrentWorse(int previousPasses, int previousTrials, int currentPasses, int currentTrials)
    {
        var table = Table.Create(previousPasses, previousTrials, currentPasses, currentTrials);
        if (table.IsDegenerate)
        {
            return 1;
        }

        var sum = 0.0;
        for (var x = table.Min; x <= currentPasses; x++)
        {
            sum += Math.Exp(table.LogProbability(x));
        }

        return Math.Min(1, sum);
    }

    /// <summary>
    /// The two-sided p-value: the sum of the probabilities of every table no more likely than the observed
    /// one (R's and SciPy's definition, with the same relative tolerance of 1e-7 for ties).
    /// </summary>
    /// <inheritdoc cref="CurrentWorse" path="/param"/>
    /// <returns>The p-value, from 0 to 1; 1 when either side ran nothing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or passes exceed trials.</exception>
    public static double TwoSided(int previousPasses, int previousTrials, int currentPasses, int currentTrials)
    {
        var table = Table.Create(previousPasses, previousTrials, currentPasses, currentTrials);
        if (table.IsDegenerate)
        {
            return 1;
        }

        var observed = table.LogProbability(currentPasses);
        var sum = 0.0;
        for (var x = table.Min; x <= table.Max; x++)
        {
            var log = table.LogProbability(x);
            if (log <= observed + 1e-7)
            {
                sum += Math.Exp(log);
            }
        }

        return Math.Min(1, sum);
    }

    /// <summary>The table's margins and the hypergeometric distribution of the current pass count.</summary>
    private readonly struct Table
    {
        private readonly int _trials;
        private readonly int _passes;
        private readonly int _currentTrials;
        private readonly double _logDenominator;

        private Table(int trials, int passes, int currentTrials)
        {
            _trials = trials;
            _passes = passes;
            _currentTrials = currentTrials;
            Min = Math.Max(0, passes - (trials - currentTrials));
            Max = Math.Min(passes, currentTrials);
            _logDenominator = LogChoose(trials, currentTrials);
        }

        public int Min { get; }

        public int Max { get; }

        public bool IsDegenerate => _currentTrials == 0 || _currentTrials == _trials;

        public static Table Create(int previousPasses, int previousTrials, int currentPasses, int currentTrials)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(previousPasses);
            ArgumentOutOfRangeException.ThrowIfNegative(currentPasses);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(previousPasses, previousTrials);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(currentPasses, currentTrials);
            return new Table(previousTrials + currentTrials, previousPasses + currentPasses, currentTrials);
        }

        /// <summary>log P(current passes = x) = log[C(K, x) · C(N − K, n − x) / C(N, n)].</summary>
        public double LogProbability(int x) =>
            LogChoose(_passes, x) + LogChoose(_trials - _passes, _currentTrials - x) - _logDenominator;
    }

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static readonly List<double> LogFactorials = [0.0];

    private static readonly object LogFactorialsLock = new();

    // Exact sums of logarithms, cached: eval counts are small, and this avoids a log-gamma approximation.
    private static double LogFactorial(int n)
    {
        lock (LogFactorialsLock)
        {
            for (var i = LogFactorials.Count; i <= n; i++)
            {
                LogFactorials.Add(LogFactorials[i - 1] + Math.Log(i));
            }

            return LogFactorials[n];
        }
    }
}
