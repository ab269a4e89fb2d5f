using System;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Hosting;

/// <summary>
/// The server's one limiter: a token bucket per client and budget (<see cref="RateLimitPartitionKey"/>),
/// kept by <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/> (which also drops buckets
/// that have been full, that is idle, for a while, so a scan from many addresses does not grow memory for
/// good). It wraps that limiter only to write the <c>RateLimit-*</c> headers, which ASP.NET Core's
/// middleware does not: it never hands the lease of an admitted request to anyone.
/// </summary>
internal sealed class ServerRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly PartitionedRateLimiter<HttpContext> _buckets;
    private readonly Func<RateLimitPartitionKey, RateLimiter> _createBucket;
    private readonly BudgetState[] _budgets;

    public ServerRateLimiter(IOptions<SkillRtServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.RateLimits;
        _budgets =
        [
            new BudgetState(RateLimitBudget.Anonymous, limits.Anonymous),
            new BudgetState(RateLimitBudget.Read, limits.Read),
            new BudgetState(RateLimitBudget.Write, limits.Write),
        ];
        _createBucket = key => _budgets[(int)key.Budget].CreateBucket();
        _buckets = PartitionedRateLimiter.Create<HttpContext, RateLimitPartitionKey>(context => RateLimitPartition.Get(PartitionOf(context), _createBucket));
    }

    /// <summary>
    /// The bucket a request draws from. A request without a valid key is anonymous even on a write
    /// endpoint (it gets 401 there anyway), so guessing keys is limited by address.
    /// </summary>
    public static RateLimitPartitionKey PartitionOf(HttpContext context)
    {
        var caller = context.GetServerCaller();
        if (caller is null)
        {
            return new RateLimitPartitionKey(RateLimitBudget.Anonymous, Guid.Empty, context.Connection.RemoteIpAddress);
        }

        var write = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ServerRateLimits.Write;
        return new RateLimitPartitionKey(write ? RateLimitBudget.Write : RateLimitBudget.Read, caller.KeyId, null);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _buckets.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var lease = _buckets.AttemptAcquire(resource, permitCount);
        WriteHeaders(resource);
        return lease;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        // The buckets queue nothing (QueueLimit 0), so this answers at once; the middleware asks after a failed attempt.
        var lease = await _buckets.AcquireAsync(resource, permitCount, cancellationToken).ConfigureAwait(false);
        WriteHeaders(resource);
        return lease;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buckets.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _buckets.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    /// <summary>
    /// The draft-07 style headers of IETF httpapi-ratelimit-headers, which clients and proxies widely
    /// read: the bucket's size, what is left in it, the seconds until it is full again, and the policy.
    /// </summary>
    private void WriteHeaders(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || _buckets.GetStatistics(context) is not { } statistics)
        {
            return;
        }

        var budget = _budgets[(int)PartitionOf(context).Budget];
        var remaining = Math.Max(0, statistics.CurrentAvailablePermits);
        var headers = response.Headers;
        headers["RateLimit-Limit"] = budget.Limit;
        headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = budget.SecondsUntilFull(remaining).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = budget.Policy;
    }

    /// <summary>One budget's settings and the header values that never change.</summary>
    private sealed class BudgetState
    {
        private readonly RateLimitBudgetOptions _options;

        public BudgetState(RateLimitBudget budget, RateLimitBudgetOptions options)
        {
            _options = options;
            Limit = options.Burst.ToString(CultureInfo.InvariantCulture);
            // Draft-07's quota policy: the sustained quota per window, plus the bucket size and which budget it is.
            Policy = string.Create(CultureInfo.InvariantCulture, $"{options.PermitsPerMinute};w=60;burst={options.Burst};budget=\"{budget.ToString().ToLowerInvariant()}\"");
        }

        public string Limit { get; }

        public string Policy { get; }

        public long SecondsUntilFull(long remaining) =>
            remaining >= _options.Burst ? 0 : (long)Math.Ceiling((_options.Burst - remaining) * 60.0 / _options.PermitsPerMinute);

        public TokenBucketRateLimiter CreateBucket()
        {
            // A whole number of tokens per period that adds up to exactly PermitsPerMinute a minute: 20 a
            // second for 1,200, one every 0.6 s for 100, one every 2 s for 30.
            var perMinute = _options.PermitsPerMinute;
            var tokens = Math.Max(1, perMinute / 60);
            return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = _options.Burst,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokens / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }
}
