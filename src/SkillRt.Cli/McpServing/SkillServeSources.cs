using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Discovery;
using SkillRt.Cli.Serving;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// Where <c>skillrt mcp serve</c> takes its skills from: the arguments as given (skill folders searched
/// by the spec's rule, SKILL.md files, projects whose <c>SkillFile</c> items are the skills), or, with
/// none, the installed skills (the highest version of each, as <c>skillrt run name</c> picks). Read
/// again on every reload, so skills added, changed or removed on disk are seen.
/// </summary>
internal sealed class SkillServeSources
{
    private readonly List<string> _folders = [];
    private readonly List<string> _files = [];
    private readonly List<string> _projects = [];
    private readonly SkillStore? _store;

    private SkillServeSources(SkillStore? store) => _store = store;

    /// <summary>The folders whose changes trigger a reload (watched with their subfolders).</summary>
    public IReadOnlyList<string> WatchedFolders { get; private set; } = [];

    /// <summary>A few words on what is served, for the start-up line.</summary>
    public string Description => _store is not null ? $"the skill store {_store.SkillsDirectory}" : string.Join(", ", _folders.Concat(_files).Concat(_projects));

    /// <summary>Checks the arguments exist and sorts them by kind; no argument means the store.</summary>
    public static SkillServeSources Resolve(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            var store = SkillStore.Open();
            return new SkillServeSources(store) { WatchedFolders = [store.SkillsDirectory] };
        }

        var sources = new SkillServeSources(store: null);
        foreach (var argument in arguments)
        {
            var path = Path.GetFullPath(argument);
            if (Directory.Exists(path))
            {
                sources._folders.Add(path);
            }
            else if (File.Exists(path) && path.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
            {
                sources._projects.Add(path);
            }
            else if (File.Exists(path))
            {
                sources._files.Add(path);
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"'{argument}' does not exist; pass skill folders, SKILL.md files or projects (.csproj), or nothing to serve the installed skills.");
            }
        }

        sources.WatchedFolders = sources._folders
            .Concat(sources._files.Concat(sources._projects).Select(file => Path.GetDirectoryName(file)!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return sources;
    }

    /// <summary>
    /// Every skill file to serve, in a stable order, and the problems found on the way (a damaged store
    /// entry, a project that cannot be evaluated), each as a line for standard error.
    /// </summary>
    public async Task<(IReadOnlyList<string> Files, IReadOnlyList<string> Problems)> FindAsync(CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var problems = new List<string>();
        if (_store is not null)
        {
            FindInstalled(_store, files, problems, cancellationToken);
        }

        foreach (var folder in _folders)
        {
            files.AddRange(SkillFileFinder.Find(folder));
        }

        files.AddRange(_files);
        foreach (var project in _projects)
        {
            await FindInProjectAsync(project, files, problems, cancellationToken).ConfigureAwait(false);
        }

        return (files.Distinct(StringComparer.Ordinal).ToList(), problems);
    }

    private static void FindInstalled(SkillStore store, List<string> files, List<string> problems, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoreEntry> entries;
        try
        {
            entries = store.List(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add($"skillrt: cannot read the skill store '{store.SkillsDirectory}': {exception.Message}; check its permissions.");
            return;
        }

        foreach (var group in entries.GroupBy(entry => entry.Name, StringComparer.Ordinal))
        {
            foreach (var damaged in group.Where(entry => !entry.IsSound))
            {
                problems.Add($"skillrt: warning: damaged entry '{damaged.Directory}': {damaged.Problem}");
            }

            // As `skillrt run name` does: the highest stable version, or the highest pre-release when only those are installed.
            var sound = group.Where(entry => entry.IsSound).ToList();
            var chosen = sound.LastOrDefault(entry => !entry.Version!.IsPrerelease) ?? sound.LastOrDefault();
            if (chosen is not null)
            {
                files.Add(chosen.SkillFile);
            }
        }
    }

    // A project's skills are its SkillFile items, as MSBuild evaluates them (globs, conditions and the
    // package's EnableDefaultSkillFiles included); `dotnet msbuild -getItem` evaluates without building.
    private static async Task FindInProjectAsync(string project, List<string> files, List<string> problems, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ServerProgram.LocateDotnet())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in new[] { "msbuild", project, "-getItem:SkillFile", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new CliException(ExitCodes.InternalError, $"cannot start '{start.FileName}' to read the skills of {project}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var reason = string.Join(" ", (text + await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
            problems.Add($"skillrt: {project}: cannot read its SkillFile items with 'dotnet msbuild -getItem:SkillFile' (exit {process.ExitCode}): {reason}; check that the project builds.");
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("Items", out var items) && items.TryGetProperty("SkillFile", out var skillFiles))
            {
                foreach (var item in skillFiles.EnumerateArray())
                {
                    if (item.TryGetProperty("FullPath", out var fullPath) && fullPath.GetString() is { Length: > 0 } path)
                    {
                        files.Add(path);
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            problems.Add($"skillrt: {project}: 'dotnet msbuild -getItem:SkillFile' printed something that is not JSON ({exception.Message}); check the .NET SDK is 8 or later.");
        }
    }
}
