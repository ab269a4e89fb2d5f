using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Namespaces;

/// <summary>Refuses DNS servers that are not addresses and limits that cannot work, naming the setting.</summary>
internal sealed class NamespaceOptionsValidator : IValidateOptions<NamespaceOptions>
{
    public ValidateOptionsResult Validate(string? name, NamespaceOptions options)
    {
        var failures = new List<string>();
        const string Prefix = NamespaceOptions.SectionName + ":";
        for (var i = 0; i < options.DnsServers.Count; i++)
        {
            if (DnsTxtLookup.ParseServer(options.DnsServers[i]) is null)
            {
                failures.Add($"{Prefix}DnsServers:{i} ('{options.DnsServers[i]}') is not an IP address or address:port; write it as '1.1.1.1', '127.0.0.1:5353' or '[::1]:53'.");
            }
        }

        if (options.DnsTimeout < TimeSpan.FromMilliseconds(50) || options.DnsTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}DnsTimeout must be 50 ms to 1 minute (it is {options.DnsTimeout}).");
        }

        if (options.DnsRetries is < 0 or > 5)
        {
            failures.Add($"{Prefix}DnsRetries must be 0–5 (it is {options.DnsRetries}).");
        }

        if (options.VerificationLifetime < TimeSpan.FromMinutes(5) || options.VerificationLifetime > TimeSpan.FromDays(90))
        {
            failures.Add($"{Prefix}VerificationLifetime must be 5 minutes to 90 days (it is {options.VerificationLifetime}).");
        }

        if (options.InvitationLifetime < TimeSpan.FromMinutes(5) || options.InvitationLifetime > TimeSpan.FromDays(90))
        {
            failures.Add($"{Prefix}InvitationLifetime must be 5 minutes to 90 days (it is {options.InvitationLifetime}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
