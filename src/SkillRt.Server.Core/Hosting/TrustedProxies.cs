using System;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Turns <see cref="TrustedProxyOptions"/> into ASP.NET Core's forwarded-headers settings. Only the
/// configured proxies count (ASP.NET Core would trust loopback by default, and a proxy on the same host
/// must then be listed as 127.0.0.1 or ::1, deliberately); a chain of trusted proxies is followed to the
/// first address that is not one of them, which is the client.
/// </summary>
internal sealed class TrustedProxies(IOptions<SkillRtServerOptions> server) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var trusted = server.Value.ForwardedHeaders;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        if (!trusted.Enabled)
        {
            options.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }

        // X-Forwarded-Host stays ignored: SkillRt:PublicUrl names the public host, and a believed Host header could point links elsewhere.
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = null;
        // The validator has refused anything that does not parse, so these always succeed.
        foreach (var proxy in trusted.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
        }

        foreach (var network in trusted.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        }
    }
}
