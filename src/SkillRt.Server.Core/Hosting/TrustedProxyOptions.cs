using System.Collections.Generic;

namespace SkillRt.Server.Hosting;

/// <summary>
/// The <c>SkillRt:ForwardedHeaders</c> section: which reverse proxies the server believes about the
/// client's address (<c>X-Forwarded-For</c>) and scheme (<c>X-Forwarded-Proto</c>). Empty by default, and
/// then those headers are ignored: anyone can send them, and believing a stranger's would let one client
/// pick a fresh anonymous rate-limit bucket for every request. Behind a proxy, list its address here, and
/// the anonymous budget is counted per real client address instead of per proxy.
/// </summary>
public sealed class TrustedProxyOptions
{
    /// <summary>The proxies' own addresses, such as <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of proxies in CIDR notation, such as <c>10.0.0.0/8</c> (a Kubernetes ingress whose address changes).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Whether any proxy is trusted, that is whether forwarded headers are read at all.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
