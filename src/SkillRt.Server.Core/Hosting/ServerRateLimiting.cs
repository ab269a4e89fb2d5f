using System;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Puts <see cref="ServerRateLimiter"/> in ASP.NET Core's rate-limiting middleware (which runs after
/// authentication, so a key's requests never share a bucket with strangers behind the same address,
/// a CI fleet behind one NAT for example) and answers a refused request with 429 and a problem document.
/// </summary>
internal sealed class ServerRateLimiting(IOptions<SkillRtServerOptions> server, ServerRateLimiter limiter) : IConfigureOptions<RateLimiterOptions>
{
    public void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = OnRejectedAsync;

        // The policy only marks write endpoints; the global limiter reads the mark and draws from the write
        // budget instead of the read one. One limiter for all budgets keeps a request to one bucket and
        // lets it write the RateLimit-* headers; a real second policy would count a write twice.
        options.AddPolicy(ServerRateLimits.Write, _ => RateLimitPartition.GetNoLimiter(0));
        if (server.Value.RateLimits.Enabled)
        {
            options.GlobalLimiter = limiter;
        }
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var budget = ServerRateLimiter.PartitionOf(rejected.HttpContext).Budget.ToString().ToLowerInvariant();
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This client used up its {budget} rate-limit budget on this server; retry in {retryAfter} s (the Retry-After header), and spread requests out (the RateLimit-* headers say how many are left).")
            .ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
    }
}
