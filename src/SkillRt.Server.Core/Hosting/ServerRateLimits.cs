using System;
using Microsoft.AspNetCore.Builder;

namespace SkillRt.Server.Hosting;

/// <summary>
/// How a module puts its endpoints in a rate-limit budget. Every endpoint is limited by default: requests
/// without a key by the anonymous budget, requests with one by the read budget. A module marks the
/// endpoints that change something (publish, unlist, create a key) with <see cref="RequireWriteRateLimit"/>,
/// or with ASP.NET Core's own <c>.RequireRateLimiting(ServerRateLimits.Write)</c>, and requests with a key
/// to them count against the key's write budget instead. Health checks opt out with <c>.DisableRateLimiting()</c>.
/// </summary>
public static class ServerRateLimits
{
    /// <summary>The rate-limiting policy name that marks an endpoint as a write (<c>SkillRt:RateLimits:Write</c>).</summary>
    public const string Write = "skillrt-write";

    /// <summary>Counts requests with a key to these endpoints against the key's write budget, not its read budget.</summary>
    public static TBuilder RequireWriteRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireRateLimiting(Write);
    }
}
