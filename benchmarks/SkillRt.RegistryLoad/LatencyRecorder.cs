using System;
using System.Collections.Concurrent;
using System.Linq;

namespace SkillRt.RegistryLoad;

/// <summary>Latencies of one phase, and the percentiles of them (nearest rank).</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private int _failures;

    public int Count => _milliseconds.Count;

    public int Failures => _failures;

    public void Record(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public void Fail() => System.Threading.Interlocked.Increment(ref _failures);

    public double Percentile(double p)
    {
        var sorted = _milliseconds.OrderBy(m => m).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
