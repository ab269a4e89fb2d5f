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
/// <c>skillrt update [name…] [--latest] [--dry-run] [--json]</c>: moves installed skills to the highest
/// version their request allows ("wanted", <see cref="WantedRange"/>), or with <c>--latest</c> to the
/// highest on the feeds, resolving dependencies again so every installed skill keeps a version it
/// accepts (<see cref="DependencyResolver"/>). The new versions are installed all or none; the versions
/// they replace are removed afterwards. A conflict changes nothing; <c>--dry-run</c> says what would
/// change and changes nothing.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("name")
        {
            Description = "The installed skills to update; all of them when none is named.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var latest = new Option<bool>("--latest") { Description = "Go to the highest version on the feeds, past the range the skill was installed with (recorded as ^{new version})." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be updated and installed; change nothing." };
        var format = new JsonFormat();
        var command = new Command("update", "Update installed skills to the newest versions their ranges allow (or --latest), with their dependencies.")
        {
            names,
            latest,
            dryRun,
        };
        format.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(names) ?? [],
            parseResult.GetValue(latest),
            parseResult.GetValue(dryRun),
            format.IsJson(parseResult),
            parseResult.GetValue(SkillCommandLine.Verbose),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] names, bool latest, bool dryRun, bool json, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
#if SKILL_NATIVE_FRONT
        return await Native.HostProcess.RunAsync(cancellationToken).ConfigureAwait(false);
#else
        var store = SkillStore.Open();
        using var progress = TerminalProgress.Start(error, TimeSpan.Zero);
        ILogger log = verbose ? new NuGetErrorLogger(error) : NullLogger.Instance;
        var feed = new NuGetSkillFeed(Environment.CurrentDirectory, log, progress);
        var installs = new FeedInstaller(store, feed, TextWriter.Null, progress, cancellationToken);
        var installed = installs.Installed.ToDictionary(skill => skill.Name, StringComparer.Ordinal);
        var records = StoreRequests.Read(store);

        List<SkillCandidate> targets;
        if (names.Length == 0)
        {
            // Every skill the user installed; the dependencies follow from them.
            targets = installs.Installed.Where(skill => records.GetValueOrDefault(skill.Name)?.IsDirect ?? true).ToList();
        }
        else
        {
            targets = [];
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (!installed.TryGetValue(name, out var skill))
                {
                    throw new CliException(ExitCodes.NotFound, $"'{name}' is not installed, so there is nothing to update; install it with 'skillrt install {name}', or see what is installed with 'skillrt list'.");
                }

                targets.Add(skill);
            }
        }

        if (targets.Count == 0)
        {
            await output.WriteLineAsync("No skills are installed, so there is nothing to update.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var requests = new List<ResolutionRequest>();
        foreach (var skill in targets)
        {
            if (!latest)
            {
                requests.Add(WantedRange.For(skill, records, installs.Installed).Request);
                continue;
            }

            // --latest asks for exactly the newest stable version: if an installed skill cannot take it, that is a conflict to report, not a reason to stop lower.
            var newest = await feed.LatestAsync(skill.Name, cancellationToken).ConfigureAwait(false);
            var version = newest is not null && newest > skill.Version ? newest : skill.Version;
            requests.Add(new ResolutionRequest(skill.Name, SkillVersionRange.Parse(version.ToString()), version.ToString()));
        }

        var what = names.Length == 0 ? "the installed skills" : string.Join(", ", names);
        IReadOnlyList<ResolvedSkill> resolved;
        try
        {
            resolved = await installs.ResolveAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyConflictException conflict)
        {
            throw InstallCommand.Conflict("update", what, conflict, "Nothing was changed.");
        }

        var changes = resolved
            .Where(skill => !installed.TryGetValue(skill.Name, out var current) || current.Version != skill.Version)
            .Select(skill => new Change(skill, installed.GetValueOrDefault(skill.Name)?.Version, installs.Catalog.PackageOf(skill.Name, skill.Version)))
            .ToList();
        if (!dryRun && changes.Count > 0)
        {
            await ApplyAsync(store, installs, changes, what, cancellationToken).ConfigureAwait(false);
            await StoreRequests.UpdateAsync(
                store,
                recorded =>
                {
                    foreach (var change in changes)
                    {
                        if (!recorded.TryGetValue(change.Skill.Name, out var record))
                        {
                            // A new dependency is recorded as one; a skill installed without a record keeps none (its range stays ^installed).
                            if (change.From is null)
                            {
                                recorded[change.Skill.Name] = new RecordedRequest(null, IsDirect: false);
                            }
                        }
                        else if (latest && record.IsDirect && record.Range is not null)
                        {
                            // The old range no longer holds the new version: record it as npm does after @latest.
                            recorded[change.Skill.Name] = record with { Range = "^" + change.Skill.Version };
                        }
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }

        progress.Dispose();
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, dryRun, changes)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (changes.Count == 0)
        {
            var versions = string.Join(", ", targets.Select(skill => $"{skill.Name} {skill.Version}"));
            await output.WriteLineAsync($"Up to date: {versions} {(targets.Count == 1 ? "is" : "are")} the newest {(latest ? "on the feeds" : "that their ranges allow with dependencies that fit the installed skills (skillrt outdated shows newer ones)")}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var change in changes)
        {
            var verb = (dryRun, change.From) switch
            {
                (true, null) => "Would install",
                (true, _) => "Would update",
                (false, null) => "Installed",
                _ => "Updated",
            };
            var versions = change.From is null ? change.Skill.Version.ToString() : $"{change.From} -> {change.Skill.Version}";
            var neededBy = change.Skill.RequiredBy.Count > 0 && !change.Skill.IsRequested
                ? " (needed by " + string.Join(", ", change.Skill.RequiredBy.Select(c => $"{c.Name} {c.Version}")) + ")"
                : string.Empty;
            await output.WriteLineAsync($"{verb} {change.Skill.Name} {versions}{neededBy}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
#endif
    }

#if !SKILL_NATIVE_FRONT
    /// <summary>Installs every new version (all or none), then removes the versions they replace, which no installed skill needs any more.</summary>
    private static async Task ApplyAsync(SkillStore store, FeedInstaller installs, List<Change> changes, string what, CancellationToken cancellationToken)
    {
        await installs.InstallAsync(changes.Select(change => change.Skill).ToList(), what, force: false, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes.Where(change => change.From is not null))
        {
            await store.RemoveAsync(change.Skill.Name, entry => entry.Version == change.From, cancellationToken).ConfigureAwait(false);
        }
    }
#endif

    private static void WriteJson(Utf8JsonWriter writer, bool dryRun, List<Change> changes)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("dryRun", dryRun);
        writer.WriteStartArray("changes");
        foreach (var change in changes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", change.Skill.Name);
            if (change.From is null)
            {
                writer.WriteNull("from");
            }
            else
            {
                writer.WriteString("from", change.From.ToString());
            }

            writer.WriteString("to", change.Skill.Version.ToString());
            writer.WriteString("package", change.Package?.PackageId);
            writer.WriteString("packageVersion", change.Package?.PackageVersion);
            writer.WriteString("source", change.Package?.Source);
            writer.WriteStartArray("dependencyOf");
            foreach (var dependent in change.Skill.RequiredBy)
            {
                writer.WriteStringValue(dependent.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One skill that moves: from the installed version (null when it is new, a dependency) to the resolved one.</summary>
    private sealed record Change(ResolvedSkill Skill, SemanticVersion? From, FeedSkillVersion? Package);
}
