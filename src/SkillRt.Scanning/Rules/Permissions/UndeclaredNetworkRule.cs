using System;
using System.Linq;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Permissions;

/// <summary>
/// SKILLSEC0101: a script, or a code block in the instructions, reaches the network (curl, wget,
/// Python requests/urllib/socket, Node fetch/http, PowerShell Invoke-WebRequest, package installs,
/// git clone…) while <c>permissions.network</c> is empty, or names a host the list does not allow.
/// The runtime would refuse the connection, so either the skill is broken or it reaches further than
/// it admits; undeclared network access is how data leaves a machine.
/// </summary>
internal sealed class UndeclaredNetworkRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0101",
        ScanSeverity.High,
        "Network use not declared in permissions",
        "List the hosts the skill contacts under `permissions: network:` in SKILL.md, or remove the network call");

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Skill is not { } skill || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        var declared = skill.Permissions.Network;
        if (declared.Any(d => d.Trim() == "*"))
        {
            return;
        }

        foreach (var use in file.CapabilityUses(context.CancellationToken))
        {
            if (use.Kind != CapabilityKind.Network)
            {
                continue;
            }

            var evidence = Evidence.Around(file.Text!, use.Index, use.Length);
            if (declared.Count == 0)
            {
                var fix = use.Subject is { } host
                    ? "Declare it in SKILL.md: `permissions: { network: [" + Evidence.Escape(host, 80) + "] }`, or remove the network call"
                    : null;
                context.Report(Descriptor, "Uses the network (" + Evidence.Escape(use.What, 60) + ") but the skill declares no permissions.network", file.Path, use.Line, evidence, fix);
            }
            else if (use.Subject is { } host && !declared.Any(entry => HostMatches(entry, host)))
            {
                context.Report(
                    Descriptor,
                    "Connects to " + Evidence.Escape(host, 80) + ", which permissions.network (" + Evidence.Escape(string.Join(", ", declared), 120) + ") does not allow",
                    file.Path,
                    use.Line,
                    evidence,
                    "Add " + Evidence.Escape(host, 80) + " to `permissions: network:` in SKILL.md, or remove the call");
            }
        }
    }

    /// <summary>Spec 8.1: <c>*</c>, an exact host, or <c>*.domain</c> for any subdomain; a port, when listed, is not compared here.</summary>
    internal static bool HostMatches(string entry, string host)
    {
        var pattern = entry.Trim();
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith("[", StringComparison.Ordinal))
        {
            var close = pattern.IndexOf(']');
            pattern = close > 0 ? pattern.Substring(0, close + 1) : pattern;
        }
        else if (pattern.IndexOf(':') is var colon and > 0)
        {
            pattern = pattern.Substring(0, colon);
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return host.EndsWith(pattern.Substring(1), StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1;
        }

        return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }
}
