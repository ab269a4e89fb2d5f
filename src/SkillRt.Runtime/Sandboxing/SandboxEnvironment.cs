using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Sandboxing;

/// <summary>
/// The environment a skill's process gets: the variables its <c>permissions.env</c> names (when the
/// host has them) and a few fixed ones every program needs, nothing else. Secrets the host holds in
/// other variables never reach the process.
/// </summary>
internal static class SandboxEnvironment
{
    /// <summary>The search path inside a sandbox: the system's programs only.</summary>
    public const string SystemPath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>The proxy variables, upper and lower case: curl reads only the lower-case <c>http_proxy</c>, most other tools either.</summary>
    private static readonly string[] ProxyVariables = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

    /// <summary>
    /// The PATH a process gets, on which its program is also looked up: the host's when
    /// <paramref name="allowed"/> lists PATH (and on Windows), the system's otherwise.
    /// </summary>
    public static string SearchPath(IReadOnlyList<string> allowed)
    {
        var hostPath = Environment.GetEnvironmentVariable("PATH");
        if (OperatingSystem.IsWindows())
        {
            return hostPath ?? string.Empty;
        }

        return allowed.Contains("PATH", StringComparer.Ordinal) && hostPath is not null ? hostPath : SystemPath;
    }

    /// <summary>Builds the environment.</summary>
    /// <param name="allowed">The names in <c>permissions.env</c>.</param>
    /// <param name="home">HOME: the process's private temporary folder, as the process sees it.</param>
    /// <param name="temp">TMPDIR: the same folder.</param>
    /// <param name="proxyUrl">The allowlisting proxy, when the skill lists hosts; <see langword="null"/> otherwise.</param>
    /// <returns>Every variable, and the fixed ones alone (not from the host's secrets, safe on a command line).</returns>
    public static (Dictionary<string, string> All, Dictionary<string, string> Fixed) Build(IReadOnlyList<string> allowed, string home, string temp, string? proxyUrl)
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var all = new Dictionary<string, string>(comparer);
        foreach (var name in allowed)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                all[name] = value;
            }
        }

        var fixedValues = new Dictionary<string, string>(comparer)
        {
            ["HOME"] = home,
            ["TMPDIR"] = temp,
        };

        // A PATH the skill asked for is the host's; otherwise the system's. LANG keeps text decoding
        // the same as on the host, with a UTF-8 default.
        if (!all.ContainsKey("PATH"))
        {
            fixedValues["PATH"] = OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable("PATH") ?? string.Empty : SystemPath;
        }

        if (!all.ContainsKey("LANG"))
        {
            fixedValues["LANG"] = Environment.GetEnvironmentVariable("LANG") is { Length: > 0 } lang ? lang : "C.UTF-8";
        }

        if (OperatingSystem.IsWindows())
        {
            // Windows programs fail to start without these, and look for temporary files under TEMP.
            foreach (var name in (string[])["SystemRoot", "windir", "ComSpec", "PATHEXT"])
            {
                if (Environment.GetEnvironmentVariable(name) is { } value)
                {
                    fixedValues[name] = value;
                }
            }

            fixedValues["TEMP"] = fixedValues["TMP"] = fixedValues["USERPROFILE"] = temp;
        }

        if (proxyUrl is not null)
        {
            foreach (var name in ProxyVariables)
            {
                fixedValues[name] = proxyUrl;
            }

            // Every host goes through the proxy; an exemption would only be a connection that fails.
            all.Remove("NO_PROXY");
            all.Remove("no_proxy");
        }

        foreach (var (name, value) in fixedValues)
        {
            all[name] = value;
        }

        return (all, fixedValues);
    }
}
