using System;

namespace SkillRt.Memory.Decay;

/// <summary>
/// How fresh a memory is: 2^(−idle ÷ half-life), where idle is the time since it was last written or
/// read. 1 when just used, ½ after one half-life of disuse, ¼ after two. Decay archives by idle time
/// (the same ordering); ranking weighs relevance by it.
/// </summary>
internal static class Freshness
{
    public static double Of(TimeSpan idle, TimeSpan halfLife) =>
        idle <= TimeSpan.Zero ? 1 : Math.Pow(2, -idle.TotalMilliseconds / halfLife.TotalMilliseconds);

    /// <summary>relevance × (1 − w + w × freshness): with w = 0.3 an unused memory keeps at least 70 % of its relevance.</summary>
    public static double Weigh(double relevance, double freshness, double weight) => relevance * (1 - weight + weight * freshness);
}
