namespace SkillRt.Server.Hosting;

/// <summary>The budgets of <see cref="RateLimitOptions"/>; the names appear in <c>RateLimit-Policy</c> and in docs.</summary>
internal enum RateLimitBudget
{
    /// <summary>Requests without a valid key, per client address.</summary>
    Anonymous,

    /// <summary>Requests with a key to endpoints not marked as writes, per key.</summary>
    Read,

    /// <summary>Requests with a key to endpoints marked <see cref="ServerRateLimits.Write"/>, per key.</summary>
    Write,
}
