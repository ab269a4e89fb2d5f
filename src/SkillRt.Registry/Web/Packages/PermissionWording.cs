using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// A skill's permissions (spec section 8) and its runtime in plain words, one sentence each:
/// "Connects to api.github.com", "Reads files under ./src", "Reads the environment variable
/// GITHUB_TOKEN", "Runs a program on your computer". A skill that asks for nothing says so.
/// </summary>
internal static class PermissionWording
{
    /// <summary>The sentence shown when a skill lists no permission and runs no program of its own.</summary>
    public const string None = "Asks for no permissions";

    /// <summary>Each thing the skill may do, network first, then files, environment, and what it runs.</summary>
    public static IReadOnlyList<string> Describe(PublishedPermissions? permissions, PublishedRuntime? runtime)
    {
        var sentences = new List<string>();
        foreach (var host in permissions?.Network ?? [])
        {
            sentences.Add(Network(host));
        }

        foreach (var rule in permissions?.Filesystem ?? [])
        {
            sentences.Add(File(rule));
        }

        foreach (var variable in permissions?.Env ?? [])
        {
            sentences.Add($"Reads the environment variable {variable}");
        }

        switch (runtime?.Type)
        {
            case "process":
                sentences.Add("Runs a program on your computer (a process skill), confined to the permissions above");
                break;
            case "mcp-tool":
                sentences.Add($"Calls the tool {runtime.Tool ?? "(unnamed)"} of the MCP server {runtime.Server ?? "(unnamed)"}");
                break;
        }

        if (sentences.Count == 0)
        {
            sentences.Add(None);
        }

        return sentences;
    }

    private static string Network(string host)
    {
        if (host == "*")
        {
            return "Connects to any host on the network";
        }

        var (name, port) = SplitPort(host);
        var target = name.StartsWith("*.", StringComparison.Ordinal) ? "any subdomain of " + name[2..] : name;
        return port is null ? $"Connects to {target}" : $"Connects to {target} on port {port}";
    }

    // "[::1]:8443" and "localhost:8080" have a port; "[::1]" and "api.github.com" do not.
    private static (string Name, string? Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon <= 0 || (host.StartsWith('[') && host.LastIndexOf(']') > colon))
        {
            return (host, null);
        }

        return host.StartsWith('[') || host.IndexOf(':') == colon ? (host[..colon], host[(colon + 1)..]) : (host, null);
    }

    private static string File(PublishedFileRule rule)
    {
        var verb = rule.Access == "read" ? "Reads files" : "Reads and writes files";
        var pattern = rule.Path;
        foreach (var suffix in new[] { "/**/*", "/**" })
        {
            if (pattern.Length > suffix.Length && pattern.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"{verb} under {pattern[..^suffix.Length]}";
            }
        }

        return pattern == "**" ? $"{verb} anywhere under the working folder" : $"{verb} matching {pattern}";
    }
}
