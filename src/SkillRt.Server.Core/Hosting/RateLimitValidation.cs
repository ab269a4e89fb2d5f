using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace SkillRt.Server.Hosting;

/// <summary>The checks of <c>SkillRt:RateLimits</c> and <c>SkillRt:ForwardedHeaders</c>, each failure naming its setting.</summary>
internal static class RateLimitValidation
{
    private const string Section = SkillRtServerOptions.SectionName + ":RateLimits:";
    private const string ProxySection = SkillRtServerOptions.SectionName + ":ForwardedHeaders:";

    public static void Validate(SkillRtServerOptions options, IConfiguration? configuration, List<string> failures)
    {
        // The first server had one number per kind of client; a setting that silently stopped working would be worse than a refusal.
        foreach (var (old, replacement) in new[] { ("AnonymousPerMinute", "Anonymous:PermitsPerMinute"), ("KeyPerMinute", "Read:PermitsPerMinute and " + Section + "Write:PermitsPerMinute") })
        {
            if (configuration?[Section + old] is not null)
            {
                failures.Add($"{Section}{old} is no longer read; set {Section}{replacement} instead (each budget also has a Burst), and remove {Section}{old}.");
            }
        }

        var limits = options.RateLimits;
        Budget("Anonymous", limits.Anonymous, failures);
        Budget("Read", limits.Read, failures);
        Budget("Write", limits.Write, failures);

        foreach (var proxy in options.ForwardedHeaders.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy?.Trim(), out _))
            {
                failures.Add($"{ProxySection}KnownProxies has '{proxy}', which is not an IP address (for example '10.0.0.5' or '::1'; a network goes in {ProxySection}KnownNetworks).");
            }
        }

        foreach (var network in options.ForwardedHeaders.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                failures.Add($"{ProxySection}KnownNetworks has '{network}', which is not a network in CIDR notation (for example '10.0.0.0/8' or 'fd00::/8', with no bits set after the prefix).");
            }
        }
    }

    private static void Budget(string name, RateLimitBudgetOptions budget, List<string> failures)
    {
        if (budget.PermitsPerMinute < 1)
        {
            failures.Add($"{Section}{name}:PermitsPerMinute is {budget.PermitsPerMinute}; it must be at least 1 (set {Section}Enabled=false to turn limiting off).");
        }

        if (budget.Burst < 1)
        {
            failures.Add($"{Section}{name}:Burst is {budget.Burst}; it must be at least 1 (the most requests a client may make at once).");
        }
    }
}
