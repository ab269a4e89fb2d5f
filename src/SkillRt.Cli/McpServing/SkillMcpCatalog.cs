using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// The tools and prompts <c>skillrt mcp serve</c> offers, kept in step with the disk: loaded at start,
/// then reloaded (debounced) whenever a file under a watched folder changes. Every MCP server made from
/// <see cref="CreateServerOptions"/> shares the two collections, and the SDK sends each connected client
/// <c>notifications/tools/list_changed</c> or <c>notifications/prompts/list_changed</c> when a reload
/// changes them (once per reload, however many skills changed).
/// </summary>
internal sealed class SkillMcpCatalog : IDisposable
{
    /// <summary>The name the server gives in its MCP handshake.</summary>
    public const string ServerName = "skillrt";

    // Editors and `skillrt install` write several files per change: one reload once they are done.
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(300);

    private readonly SkillServeSources _sources;
    private readonly SkillCallRunner _runner;
    private readonly TextWriter _error;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Timer _reloadTimer;
    private IReadOnlyList<string> _reportedProblems = [];

    public SkillMcpCatalog(SkillServeSources sources, SkillCallRunner runner, TextWriter error)
    {
        _sources = sources;
        _runner = runner;
        _error = error;
        _reloadTimer = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The skills served as tools.</summary>
    public McpServerPrimitiveCollection<McpServerTool> Tools { get; } = new();

    /// <summary>The prose skills served as prompts.</summary>
    public McpServerPrimitiveCollection<McpServerPrompt> Prompts { get; } = new();

    /// <summary>
    /// Loads the skills and reports the ones that cannot be served on standard error. Two skills with the
    /// same tool or prompt name stop the server before it starts, naming both files: which one a client
    /// would get must not depend on the order files are found in.
    /// </summary>
    public async Task LoadAsync(string transport, CancellationToken cancellationToken)
    {
        var set = await ServedSkillSet.LoadAsync(_sources, cancellationToken).ConfigureAwait(false);
        await ReportAsync(set.Problems).ConfigureAwait(false);
        _reportedProblems = set.Problems;
        if (set.Conflicts.Count > 0)
        {
            throw new CliException(ExitCodes.InvalidSkill, set.Conflicts.Count == 1
                ? set.Conflicts[0]["skillrt: ".Length..]
                : $"{set.Conflicts.Count} MCP names are each taken by more than one skill (listed above); serve only one skill of each name, or rename them.")
            {
                Diagnostics = set.Conflicts.Count == 1 ? [] : set.Conflicts,
            };
        }

        Apply(set);
        await WriteLineAsync($"skillrt: serving {Listing()} over MCP on {transport}, from {_sources.Description}{(set.Problems.Count > 0 ? " (some skills are not served, see above)" : string.Empty)}.").ConfigureAwait(false);
        if (!_runner.HasModel && Tools.OfType<SkillMcpTool>().Any(tool => Running.SkillRunSetup.RunsOnModel(tool.Served.Skill)))
        {
            await WriteLineAsync($"skillrt: warning: no model is configured, so calls of skills that run on a model will fail: {_runner.ModelProblem}").ConfigureAwait(false);
        }
    }

    /// <summary>Starts watching the sources' folders; a change reloads the skills after a short quiet time.</summary>
    public void StartWatching()
    {
        foreach (var folder in _sources.WatchedFolders)
        {
            Directory.CreateDirectory(folder);
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            // Too many changes at once for the watcher's buffer: reload, which reads everything again anyway.
            watcher.Error += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>The options of one MCP server (a stdio server, or one HTTP session) over the shared tools and prompts.</summary>
    public McpServerOptions CreateServerOptions() => new()
    {
        ServerInfo = new Implementation
        {
            Name = ServerName,
            Version = typeof(SkillMcpCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        },
        ServerInstructions =
            "SkillRt skills. Each tool runs one skill with its declared, checked inputs and returns its validated output as structuredContent " +
            "(outputs that are not JSON objects come as {\"result\": ...}). Prompts are prose skills: instructions to follow.",
        Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = true },
            Prompts = new PromptsCapability { ListChanged = true },
        },
        ToolCollection = Tools,
        PromptCollection = Prompts,
    };

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _reloadTimer.Dispose();
        _stopping.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        // Build output and checkouts change all the time and never hold a served skill.
        var separator = Path.DirectorySeparatorChar;
        foreach (var ignored in new[] { "bin", "obj", ".git", "node_modules", ".staging" })
        {
            if (change.FullPath.Contains($"{separator}{ignored}{separator}", StringComparison.Ordinal) || change.FullPath.EndsWith(separator + ignored, StringComparison.Ordinal))
            {
                return;
            }
        }

        ScheduleReload();
    }

    private void ScheduleReload()
    {
        try
        {
            _reloadTimer.Change(ReloadDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task ReloadAsync()
    {
        var cancellationToken = _stopping.Token;
        try
        {
            await _reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var set = await ServedSkillSet.LoadAsync(_sources, cancellationToken).ConfigureAwait(false);
            var problems = set.Problems.Concat(set.Conflicts).ToList();
            await ReportAsync(problems.Except(_reportedProblems, StringComparer.Ordinal).ToList()).ConfigureAwait(false);
            _reportedProblems = problems;
            if (Apply(set))
            {
                await WriteLineAsync($"skillrt: skills changed on disk; now serving {Listing()}.").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            // A reload must never take the server down; the skills served so far stay served.
            await WriteLineAsync($"skillrt: warning: reloading the skills failed ({exception.GetType().Name}: {exception.Message}); the skills served before are still served.").ConfigureAwait(false);
        }
        finally
        {
            _reloading.Release();
        }
    }

    // Replaces what changed; returns whether anything did. Each collection raises one change event at most.
    private bool Apply(ServedSkillSet set)
    {
        var tools = set.Skills.Where(skill => !skill.IsPrompt).ToList();
        var prompts = set.Skills.Where(skill => skill.IsPrompt).ToList();
        var changed = false;
        if (!Same(Tools.OfType<SkillMcpTool>().Select(tool => tool.Served), tools))
        {
            using (Tools.DeferChangedEvents())
            {
                Tools.Clear();
                foreach (var skill in tools)
                {
                    Tools.Add(SkillMcpTool.Create(skill, _runner, _error));
                }
            }

            changed = true;
        }

        if (!Same(Prompts.OfType<SkillMcpPrompt>().Select(prompt => prompt.Served), prompts))
        {
            using (Prompts.DeferChangedEvents())
            {
                Prompts.Clear();
                foreach (var skill in prompts)
                {
                    Prompts.Add(SkillMcpPrompt.Create(skill));
                }
            }

            changed = true;
        }

        return changed;
    }

    private static bool Same(IEnumerable<ServedSkill> served, IReadOnlyList<ServedSkill> loaded) =>
        served.Select(Key).SequenceEqual(loaded.Select(Key));

    private static (string, string, string) Key(ServedSkill skill) => (skill.Name, skill.File, skill.Fingerprint);

    private string Listing()
    {
        var tools = Tools.PrimitiveNames.ToList();
        var prompts = Prompts.PrimitiveNames.ToList();
        var text = $"{tools.Count} tool{(tools.Count == 1 ? string.Empty : "s")}{(tools.Count > 0 ? " (" + string.Join(", ", tools) + ")" : string.Empty)}";
        return text + $" and {prompts.Count} prompt{(prompts.Count == 1 ? string.Empty : "s")}{(prompts.Count > 0 ? " (" + string.Join(", ", prompts) + ")" : string.Empty)}";
    }

    private async Task ReportAsync(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            await _error.WriteLineAsync(line).ConfigureAwait(false);
        }

        await _error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteLineAsync(string line)
    {
        await _error.WriteLineAsync(line).ConfigureAwait(false);
        await _error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
