using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.MemoryBenchmark;

/// <summary>Latency samples in milliseconds, summarised as p50, p99 and calls per second.</summary>
internal sealed class Percentiles(string name)
{
    private readonly List<double> _samples = [];

    public string Name { get; } = name;

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public string Row()
    {
        var sorted = _samples.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"| {Name} | {sorted.Length:N0} | {At(0.50):F2} | {At(0.99):F2} | {1000 * sorted.Length / sorted.Sum():N0} |";
    }
}
