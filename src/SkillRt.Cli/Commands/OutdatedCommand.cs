using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using SkillRt.Cli.Install;
using SkillRt.Cli.Output;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt outdated [--json]</c>, as <c>npm outdated</c>: for each installed skill, the installed
/// version, the highest version its request allows with dependencies that fit the installed skills
/// ("wanted", what <c>skillrt update</c> would install; <see cref="WantedRange"/>), and the highest stable version
/// on the feeds ("latest", what <c>update --latest</c> aims at). The text lists the skills that are
/// behind; <c>--json</c> lists every installed skill. Exit code 0 either way: being behind is not an
/// error (a script compares the versions in the JSON).
/// </summary>
internal static class OutdatedCommand
{
    public static Command Create()
    {
        var format = new JsonFormat();
        var command = new Command("outdated", "Show the installed skills that have newer versions on the feeds: installed, wanted (what 'skillrt update' installs) and latest.");
        format.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            format.IsJson(parseResult),
            parseResult.GetValue(SkillCommandLine.Verbose),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
#if SKILL_NATIVE_FRONT
        return await Native.HostProcess.RunAsync(cancellationToken).ConfigureAwait(false);
#else
        var store = SkillStore.Open();
        using var progress = TerminalProgress.Start(error, TimeSpan.Zero);
        ILogger log = verbose ? new NuGetErrorLogger(error) : NullLogger.Instance;
        var feed = new NuGetSkillFeed(Environment.CurrentDirectory, log, progress);
        var installs = new FeedInstaller(store, feed, TextWriter.Null, progress, cancellationToken);
        var installed = installs.Installed;
        var records = StoreRequests.Read(store);
        var rows = new List<Row>();
        foreach (var skill in installed.OrderBy(skill => skill.Name, StringComparer.Ordinal))
        {
            var (request, display) = WantedRange.For(skill, records, installed);
            var latest = await feed.LatestAsync(skill.Name, cancellationToken).ConfigureAwait(false);

            // "Wanted" is what `skillrt update <name>` would install: the same resolution, so a version whose
            // dependencies clash with an installed skill is not wanted, and never one below what is installed.
            var wanted = skill.Version;
            try
            {
                var resolved = await installs.ResolveAsync([request], cancellationToken).ConfigureAwait(false);
                if (resolved.FirstOrDefault(r => r.Name == skill.Name) is { } chosen && chosen.Version > wanted)
                {
                    wanted = chosen.Version;
                }
            }
            catch (DependencyConflictException)
            {
                // Nothing newer fits; `skillrt update` says why.
            }

            rows.Add(new Row(skill.Name, skill.Version, wanted, latest, display));
        }

        progress.Dispose();
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, rows)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var behind = rows.Where(row => row.IsOutdated).ToList();
        if (behind.Count == 0)
        {
            await output.WriteLineAsync(rows.Count == 0
                ? "No skills are installed."
                : $"All {rows.Count} installed skill{(rows.Count == 1 ? " is" : "s are")} up to date with the feeds.").ConfigureAwait(false);
        }
        else
        {
            var table = new TextTable("NAME", "INSTALLED", "WANTED", "LATEST", "REQUEST");
            foreach (var row in behind)
            {
                table.Add(row.Name, row.Installed.ToString(), row.Wanted.ToString(), row.Latest?.ToString() ?? "-", row.Request);
            }

            await table.WriteAsync(output, OutputWidth.For(output)).ConfigureAwait(false);
        }

        var missing = rows.Where(row => row.Latest is null).Select(row => row.Name).ToList();
        if (missing.Count > 0)
        {
            await output.WriteLineAsync($"Not on the feeds (no stable version): {string.Join(", ", missing)}.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
#endif
    }

    private static void WriteJson(Utf8JsonWriter writer, List<Row> rows)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("skills");
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("name", row.Name);
            writer.WriteString("installed", row.Installed.ToString());
            writer.WriteString("wanted", row.Wanted.ToString());
            if (row.Latest is null)
            {
                writer.WriteNull("latest");
            }
            else
            {
                writer.WriteString("latest", row.Latest.ToString());
            }

            writer.WriteString("request", row.Request);
            writer.WriteBoolean("outdated", row.IsOutdated);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One installed skill's line.</summary>
    private sealed record Row(string Name, SemanticVersion Installed, SemanticVersion Wanted, SemanticVersion? Latest, string Request)
    {
        public bool IsOutdated => Wanted > Installed || (Latest is not null && Latest > Installed);
    }
}
