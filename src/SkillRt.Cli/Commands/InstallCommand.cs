using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using SkillRt.Cli.Install;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt install &lt;path|package.nupkg|name@range&gt; [--force]</c>: copies skills into the store
/// from a folder or file, from a package <c>dotnet pack</c> made, or from the NuGet feeds configured
/// for the working folder. Every skill is validated before anything is installed, and a source with
/// several skills installs all of them or none.
/// </summary>
internal static class InstallCommand
{
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

        var command = new Command("install", "Install skills into the skill store from a folder, a file, a package or a NuGet feed.")
        {
            source,
            force,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                parseResult.GetValue(source)!,
                parseResult.GetValue(force),
                parseResult.GetValue(SkillCommandLine.Verbose),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string source, bool force, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = SkillStore.Open();
        var installer = new SkillInstaller(store, output);
        if (File.Exists(source))
        {
            if (source.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            {
                await InstallPackageFileAsync(source, installer, force, cancellationToken).ConfigureAwait(false);
            }
            else if (FolderSource.IsMarkdownFile(source))
            {
                await installer.InstallAsync([FolderSource.FromFile(source)], source, force, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"'{source}' is not a skill: pass a SKILL.md or other Markdown file, a skill folder, a .nupkg, or name@range.");
            }
        }
        else if (Directory.Exists(source))
        {
            await installer.InstallAsync(FolderSource.FromFolder(source), source, force, cancellationToken).ConfigureAwait(false);
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
            var feed = new NuGetSkillFeed(Environment.CurrentDirectory, log);
            using var package = await feed.FindAsync(request, cancellationToken).ConfigureAwait(false);
            using var contents = SkillPackage.Open(package.Content, package.DisplayName, ExitCodes.FeedError);
            await installer.InstallAsync(contents.Sources(request.Name), package.DisplayName, force, cancellationToken).ConfigureAwait(false);
#endif
        }

        return ExitCodes.Success;
    }

    private static async Task InstallPackageFileAsync(string path, SkillInstaller installer, bool force, CancellationToken cancellationToken)
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

            await installer.InstallAsync(sources, path, force, cancellationToken).ConfigureAwait(false);
        }
    }
}
