using System;

namespace SkillRt.Providers;

/// <summary>How a catalog's chat clients retry and wait.</summary>
public sealed class ModelClientOptions
{
    /// <summary>How many times a request refused with 429, 500, 502, 503 or 504 (or a dropped connection) is sent again: 2 by default.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The longest wait before a retry. A server asking for a longer one (<c>Retry-After</c>) gets no retry:
    /// the call fails at once, saying when to try again. 30 seconds by default.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry when the server gives no <c>Retry-After</c>; it doubles each time. 1 second by default.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one request may take, streaming included: 10 minutes by default (a long answer takes minutes).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Reads environment variables (the API keys); <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    internal void Validate()
    {
        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries cannot be negative.");
        }

        if (MaxRetryDelay < TimeSpan.Zero || FirstRetryDelay < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "Delays cannot be negative, and RequestTimeout must be above zero.");
        }

        ArgumentNullException.ThrowIfNull(GetEnvironmentVariable);
    }
}
