using System;
using System.Collections.Generic;
using System.Globalization;

namespace SkillRt.RegistryLoad;

/// <summary>What one run does; every count and duration is bounded.</summary>
internal sealed record LoadSettings(
    Uri Server,
    string ApiKey,
    Uri? Nginx,
    string? NginxRoot,
    int ServerProcessId,
    int Packages,
    int VersionsPerPackage,
    int PublishConcurrency,
    int Concurrency,
    int SearchRequests,
    int DownloadRequests,
    TimeSpan PhaseTimeLimit,
    string? JsonOutput,
    int SkillKb = 0,
    int WebRequests = 0,
    bool WebOnly = false)
{
    public static LoadSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' has no value.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var server = new Uri(Required("server"));
        var nginx = values.TryGetValue("nginx", out var nginxUrl) ? new Uri(nginxUrl) : null;
        foreach (var target in new[] { server, nginx })
        {
            // A load generator aimed at someone else's machine is an attack; this one refuses.
            if (target is not null && target.Host is not ("127.0.0.1" or "localhost"))
            {
                throw new ArgumentException($"{target} is not on 127.0.0.1; the load generator only targets this machine.");
            }
        }

        return new LoadSettings(
            server,
            Required("key"),
            nginx,
            values.GetValueOrDefault("nginx-root"),
            Number("server-pid", 0),
            Number("packages", 2000),
            Number("versions", 5),
            Number("publish-concurrency", 8),
            Number("concurrency", 64),
            Number("searches", 20000),
            Number("downloads", 20000),
            TimeSpan.FromSeconds(Number("phase-seconds", 300)),
            values.GetValueOrDefault("json"),
            Number("skill-kb", 0),
            Number("web-requests", 0),
            values.GetValueOrDefault("web-only") == "true");
    }
}
