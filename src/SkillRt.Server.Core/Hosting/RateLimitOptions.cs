namespace SkillRt.Server.Hosting;

/// <summary>
/// The <c>SkillRt:RateLimits</c> configuration section: how many requests a client may make, each
/// client in its own bucket (a request with an API key counts against the key, any other against its
/// IP address). Over the limit a request gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether requests are limited at all; true by default. Turn it off only behind a proxy that limits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute from one IP address without a key; bursts up to the same number. 1,200 by default.</summary>
    public int AnonymousPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute with one API key; bursts up to the same number. 6,000 by default.</summary>
    public int KeyPerMinute { get; set; } = 6000;
}
