using System;
using System.CommandLine;
using System.IO;
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
/// valid ones. On a terminal, the search, download and checks show on a status line.
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

        var command = new Command("install", "Install skills into the skill store from a folder, a file, a package or a NuGet feed.")
        {
            source,
            force,
            skipInvalid,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                parseResult.GetValue(source)!,
                parseResult.GetValue(force),
                parseResult.GetValue(skipInvalid),
                parseResult.GetValue(SkillCommandLine.Verbose),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string source, bool force, bool skipInvalid, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = SkillStore.Open();
        var isLocal = File.Exists(source) || Directory.Exists(source) || SkillLocator.LooksLikePath(source);

        // A feed is slow from the first request; files on disk only when there are many of them.
        using var progress = TerminalProgress.Start(error, isLocal ? LocalProgressDelay : TimeSpan.Zero);
        var installer = new SkillInstaller(store, output, progress);
        if (File.Exists(source))
        {
            if (source.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            {
                await InstallPackageFileAsync(source, installer, force, skipInvalid, cancellationToken).ConfigureAwait(false);
            }
            else if (FolderSource.IsMarkdownFile(source))
            {
                await installer.InstallAsync([FolderSource.FromFile(source)], source, force, skipInvalid, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"'{source}' is not a skill: pass a SKILL.md or other Markdown file, a skill folder, a .nupkg, or name@range.");
            }
        }
        else if (Directory.Exists(source))
        {
            await installer.InstallAsync(FolderSource.FromFolder(source), source, force, skipInvalid, cancellationToken).ConfigureAwait(false);
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
            using var package = await feed.FindAsync(request, cancellationToken).ConfigureAwait(false);
            using var contents = SkillPackage.Open(package.Content, package.DisplayName, ExitCodes.FeedError);
            await installer.InstallAsync(contents.Sources(request.Name), package.DisplayName, force, skipInvalid, cancellationToken).ConfigureAwait(false);
#endif
        }

        return ExitCodes.Success;
    }

    private static async Task InstallPackageFileAsync(string path, SkillInstaller installer, bool force, bool skipInvalid, CancellationToken cancellationToken)
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

            await installer.InstallAsync(sources, path, force, skipInvalid, cancellationToken).ConfigureAwait(false);
        }
    }
}
