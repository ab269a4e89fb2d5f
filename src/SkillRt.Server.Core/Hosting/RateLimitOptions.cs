namespace SkillRt.Server.Hosting;

/// <summary>
/// The <c>SkillRt:RateLimits</c> configuration section: three separate budgets, each a token bucket per
/// client. Requests without a valid API key count against <see cref="Anonymous"/>, one bucket per client
/// address; requests with a key count against <see cref="Read"/> or, on endpoints a module marks as writes
/// (<see cref="ServerRateLimits.Write"/>), against <see cref="Write"/>, one bucket per key and budget. So
/// a flood of reads never uses up a key's publishes, nor the reverse. Over a budget a request gets 429
/// with <c>Retry-After</c>. The buckets live in each replica's memory: N replicas behind a round-robin
/// balancer allow up to N times these rates.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether requests are limited at all; true by default. Turn it off only behind a proxy that limits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests without a key, per client address: 1,200 a minute, bursts of as many, by default.</summary>
    public RateLimitBudgetOptions Anonymous { get; set; } = new() { PermitsPerMinute = 1200, Burst = 1200 };

    /// <summary>Requests with a key to any endpoint not marked as a write, per key: 6,000 a minute, bursts of as many, by default.</summary>
    public RateLimitBudgetOptions Read { get; set; } = new() { PermitsPerMinute = 6000, Burst = 6000 };

    /// <summary>
    /// Requests with a key to endpoints marked as writes (publish, unlist, key and account changes), per
    /// key: 120 a minute, bursts of 60 by default (a repository that publishes its 60 skills at once).
    /// </summary>
    public RateLimitBudgetOptions Write { get; set; } = new() { PermitsPerMinute = 120, Burst = 60 };
}
