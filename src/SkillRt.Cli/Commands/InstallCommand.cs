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
/// <c>skillrt install &lt;path|package.nupkg|name@range&gt; [--force] [--skip-invalid]</c>: copies skills
/// into the store from a folder or file, from a package <c>dotnet pack</c> made, or from the NuGet feeds
/// configured for the working folder. Every skill is validated before anything is installed, and a
/// source with several skills installs all of them or none, unless <c>--skip-invalid</c> asks for the
/// valid ones. A skill from a feed comes with the sibling skills it needs, resolved transitively
/// (<see cref="FeedInstaller"/>); a conflict between their ranges installs nothing. On a terminal,
/// the search, download and checks show on a status line; <c>--json</c> prints what was installed.
/// </summary>
internal static class InstallCommand
{
    // Copying and checking a few skill folders takes milliseconds; a status line that flashes and is
    // wiped at once is noise, so a local install shows its progress only once it runs this long.
    private static readonly TimeSpan LocalProgressDelay = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "A skill folder, a SKILL.md or other Markdown skill file, a folder of skills, a .nupkg, or name[@range] to find on the NuGet feeds (pr-review@^1.2).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Reinstall versions that are already installed.",
        };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "From a folder or package of several skills, install the valid ones and report the invalid ones (exit code 1), rather than install none.",
        };

        var format = new JsonFormat();

        var command = new Command("install", "Install skills into the skill store from a folder, a file, a package or a NuGet feed (with the skills they depend on).")
        {
            source,
            force,
            skipInvalid,
        };
        format.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                parseResult.GetValue(source)!,
                parseResult.GetValue(force),
                parseResult.GetValue(skipInvalid),
                format.IsJson(parseResult),
                parseResult.GetValue(SkillCommandLine.Verbose),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string source, bool force, bool skipInvalid, bool json, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = SkillStore.Open();
        var isLocal = File.Exists(source) || Directory.Exists(source) || SkillLocator.LooksLikePath(source);

        // A feed is slow from the first request; files on disk only when there are many of them.
        using var progress = TerminalProgress.Start(error, isLocal ? LocalProgressDelay : TimeSpan.Zero);
        var lines = json ? TextWriter.Null : output;
        var installer = new SkillInstaller(store, lines, progress);
        IReadOnlyList<InstalledSkill> installed;
        if (File.Exists(source))
        {
            if (source.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            {
                installed = await InstallPackageFileAsync(source, installer, force, skipInvalid, cancellationToken).ConfigureAwait(false);
            }
            else if (FolderSource.IsMarkdownFile(source))
            {
                installed = await installer.InstallAsync([FolderSource.FromFile(source)], source, force, skipInvalid, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"'{source}' is not a skill: pass a SKILL.md or other Markdown file, a skill folder, a .nupkg, or name@range.");
            }
        }
        else if (Directory.Exists(source))
        {
            installed = await installer.InstallAsync(FolderSource.FromFolder(source), source, force, skipInvalid, cancellationToken).ConfigureAwait(false);
        }
        else if (SkillLocator.LooksLikePath(source))
        {
            throw new CliException(ExitCodes.UsageError, $"'{source}' does not exist; pass a skill folder, a SKILL.md file, a .nupkg, or name@range to install from a NuGet feed.");
        }
        else
        {
#if SKILL_NATIVE_FRONT
            return await Native.HostProcess.RunAsync(cancellationToken).ConfigureAwait(false);
#else
            var request = SkillRequest.Parse(source);
            ILogger log = verbose ? new NuGetErrorLogger(error) : NullLogger.Instance;
            var feed = new NuGetSkillFeed(Environment.CurrentDirectory, log, progress);
            var results = await InstallFromFeedAsync(request, store, feed, force, lines, error, progress, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await JsonOutput.WriteAsync(output, writer => WriteJson(writer, request.ToString(), results)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
#endif
        }

        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, source, installed)).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

#if !SKILL_NATIVE_FRONT
    /// <summary>Resolves <paramref name="request"/> and what it needs, then installs them all or none.</summary>
    private static async Task<IReadOnlyList<FeedInstallResult>> InstallFromFeedAsync(
        SkillRequest request, SkillStore store, NuGetSkillFeed feed, bool force, TextWriter lines, TextWriter error, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var installs = new FeedInstaller(store, feed, lines, progress, cancellationToken);
        ResolutionRequest[] requests = [new(request.Name, request.Range, request.RangeText)];
        IReadOnlyList<ResolvedSkill> resolved;
        try
        {
            resolved = await installs.ResolveAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyConflictException conflict) when (conflict.Conflict.IsUnmatchedRequest && conflict.Limit is null)
        {
            // Nothing but the request itself is in the way: the feed search says which packages and versions there are.
            (await feed.FindAsync(request, cancellationToken).ConfigureAwait(false)).Dispose();
            throw Conflict("install", request.ToString(), conflict, "Nothing was installed.");
        }
        catch (DependencyConflictException conflict)
        {
            throw Conflict("install", request.ToString(), conflict, "Nothing was installed.");
        }

        var results = await installs.InstallAsync(resolved, request.ToString(), force, cancellationToken).ConfigureAwait(false);
        await installs.RecordAsync(requests, resolved, cancellationToken).ConfigureAwait(false);
        await installs.WarnAsync(resolved, error).ConfigureAwait(false);
        return results;
    }
#endif

    /// <summary>The one-line error of a failed resolution: what, why (each chain), that nothing changed, and what to do.</summary>
    internal static CliException Conflict(string verb, string what, DependencyConflictException conflict, string nothingChanged) =>
        new(ExitCodes.NotFound, $"cannot {verb} {what}: {conflict.Message}. {nothingChanged} {conflict.Conflict.Advice()}");

    /// <summary><c>install --json</c> for a feed install: each resolved skill, its package and feed, and the skills that need it.</summary>
    private static void WriteJson(Utf8JsonWriter writer, string request, IReadOnlyList<FeedInstallResult> results)
    {
        writer.WriteStartObject();
        writer.WriteString("request", request);
        writer.WriteStartArray("skills");
        foreach (var result in results)
        {
            writer.WriteStartObject();
            WriteSkill(writer, result.Skill.Name, result.Skill.Version, result.Outcome, result.Directory);
            writer.WriteBoolean("requested", result.Skill.IsRequested);
            if (result.Package is { } package)
            {
                writer.WriteString("package", package.PackageId);
                writer.WriteString("packageVersion", package.PackageVersion);
                writer.WriteString("source", package.Source);
            }
            else
            {
                writer.WriteNull("package");
                writer.WriteNull("packageVersion");
                writer.WriteNull("source");
            }

            writer.WriteStartArray("dependencyOf");
            foreach (var dependent in result.Skill.RequiredBy)
            {
                writer.WriteStringValue(dependent.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>install --json</c> for a folder, file or package file.</summary>
    private static void WriteJson(Utf8JsonWriter writer, string source, IReadOnlyList<InstalledSkill> installed)
    {
        writer.WriteStartObject();
        writer.WriteString("request", source);
        writer.WriteStartArray("skills");
        foreach (var skill in installed)
        {
            writer.WriteStartObject();
            WriteSkill(writer, skill.Name, skill.Version, skill.Outcome, skill.Directory);
            writer.WriteBoolean("requested", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSkill(Utf8JsonWriter writer, string name, SemanticVersion version, InstallOutcome outcome, string directory)
    {
        writer.WriteString("name", name);
        writer.WriteString("version", version.ToString());
        writer.WriteString("status", outcome switch
        {
            InstallOutcome.AlreadyInstalled => "alreadyInstalled",
            InstallOutcome.Replaced => "replaced",
            _ => "installed",
        });
        writer.WriteString("path", directory);
    }

    private static async Task<IReadOnlyList<InstalledSkill>> InstallPackageFileAsync(string path, SkillInstaller installer, bool force, bool skipInvalid, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }

        await using (stream.ConfigureAwait(false))
        {
            using var package = SkillPackage.Open(stream, path, ExitCodes.UsageError);
            var sources = package.Sources();
            if (sources.Count == 0)
            {
                throw new CliException(
                    ExitCodes.UsageError,
                    $"'{path}' has no skills: it was not packed with SkillRt (there is no skills/index.json, or it lists none); pack a project with SkillFile items and the SkillRt package, or install a skill folder.");
            }

            return await installer.InstallAsync(sources, path, force, skipInvalid, cancellationToken).ConfigureAwait(false);
        }
    }
}
