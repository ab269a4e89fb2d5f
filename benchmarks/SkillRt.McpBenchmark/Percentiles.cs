using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SkillRt.McpBenchmark;

/// <summary>A sample of latencies in milliseconds, summarised by nearest-rank percentiles.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(milliseconds));
        }
    }

    public int Count => _sorted.Length;

    public double P50 => At(0.50);

    public double P99 => At(0.99);

    public double Mean => _sorted.Average();

    public double At(double fraction) => _sorted[Math.Clamp((int)Math.Ceiling(fraction * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F3} ms, p99 {P99:F3} ms, mean {Mean:F3} ms (n={Count})");
}
