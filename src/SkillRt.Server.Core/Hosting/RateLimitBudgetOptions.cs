namespace SkillRt.Server.Hosting;

/// <summary>
/// One rate-limit budget (<c>SkillRt:RateLimits:Anonymous</c>, <c>Read</c> or <c>Write</c>): a token bucket
/// per client that holds <see cref="Burst"/> permits and refills at <see cref="PermitsPerMinute"/>. A client
/// that has been quiet can make <see cref="Burst"/> requests at once; one that keeps going gets the steady rate.
/// </summary>
public sealed class RateLimitBudgetOptions
{
    /// <summary>Permits added to each client's bucket per minute (the sustained rate); at least 1.</summary>
    public int PermitsPerMinute { get; set; }

    /// <summary>The bucket's size: how many requests a client may make at once after a quiet spell; at least 1.</summary>
    public int Burst { get; set; }
}
