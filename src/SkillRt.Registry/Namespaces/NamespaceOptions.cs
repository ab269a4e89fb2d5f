using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Namespaces;

/// <summary>The <c>SkillRt:Registry:Namespaces</c> configuration section: DNS verification and invitation lifetimes.</summary>
public sealed class NamespaceOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt:Registry:Namespaces";

    /// <summary>
    /// The DNS servers TXT records are looked up with, as <c>address</c> or <c>address:port</c>
    /// (<c>1.1.1.1</c>, <c>[2606:4700::1111]:53</c>); empty (the default) uses the system's resolvers.
    /// </summary>
    public IList<string> DnsServers { get; } = new List<string>();

    /// <summary>How long one DNS query may take before it is retried or given up; 5 seconds by default.</summary>
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a timed-out DNS query is sent again; 1 by default.</summary>
    public int DnsRetries { get; set; } = 1;

    /// <summary>How long a domain verification's token is accepted; 7 days by default.</summary>
    public TimeSpan VerificationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a co-owner or transfer invitation may be accepted; 14 days by default.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(14);
}
