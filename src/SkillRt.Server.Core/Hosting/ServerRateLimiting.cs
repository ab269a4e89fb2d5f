using System;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Hosting;

/// <summary>
/// One token bucket per client: per API key when the request has a valid one, else per IP address.
/// It runs after authentication, so a key's requests never share a bucket with strangers on the same
/// address (a CI fleet behind one NAT, for example).
/// </summary>
internal static class ServerRateLimiting
{
    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<SkillRtServerOptions>>().Value.RateLimits;
            if (!options.Enabled)
            {
                return RateLimitPartition.GetNoLimiter("off");
            }

            var caller = context.GetServerCaller();
            var (key, perMinute) = caller is not null
                ? ("key:" + caller.KeyId.ToString("N"), options.KeyPerMinute)
                : ("ip:" + context.Connection.RemoteIpAddress, options.AnonymousPerMinute);
            // A whole number of tokens per period that adds up to exactly perMinute a minute: 20 a second
            // for 1,200, one every 0.6 s for 100, one every 2 s for 30.
            var tokens = Math.Max(1, perMinute / 60);
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokens / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = OnRejectedAsync;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This client made more requests than the server allows per minute; retry in {retryAfter} s.")
            .ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
    }
}
