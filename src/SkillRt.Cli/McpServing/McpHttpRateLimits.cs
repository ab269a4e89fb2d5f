using System;
using System.Threading.RateLimiting;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// How many requests <c>skillrt mcp serve --http</c> answers: a fixed window of requests a minute for the
/// requests that carry the key, and a separate, smaller one for those that do not, so a process guessing
/// keys can neither spend the client's budget nor make the server compare keys without end. Past either
/// limit a request is answered 429 with <c>Retry-After</c>, before its body is read.
/// </summary>
internal sealed class McpHttpRateLimits : IDisposable
{
    /// <summary>The default for requests with the key: an agent's tool calls, their progress and list requests, with room to spare.</summary>
    public const int DefaultRequestsPerMinute = 600;

    /// <summary>Requests without the key (or with a wrong one) a minute: enough for a client to find out it needs one.</summary>
    public const int UnauthorizedRequestsPerMinute = 60;

    private readonly FixedWindowRateLimiter _authorized;
    private readonly FixedWindowRateLimiter _unauthorized;

    public McpHttpRateLimits(int requestsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        RequestsPerMinute = requestsPerMinute;
        _authorized = Create(requestsPerMinute);
        _unauthorized = Create(UnauthorizedRequestsPerMinute);
    }

    /// <summary>The limit for requests with the key.</summary>
    public int RequestsPerMinute { get; }

    /// <summary>
    /// Takes one request from the budget of its kind; false when that budget is spent, with how long until
    /// the window opens again.
    /// </summary>
    public bool TryAcquire(bool authorized, out TimeSpan retryAfter)
    {
        using var lease = (authorized ? _authorized : _unauthorized).AttemptAcquire();
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose()
    {
        _authorized.Dispose();
        _unauthorized.Dispose();
    }

    private static FixedWindowRateLimiter Create(int permitsPerMinute) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permitsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
