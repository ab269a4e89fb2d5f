using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;
using SkillRt.Mcp;

namespace SkillRt.Cli.Running;

/// <summary>
/// What every run of a skill from the CLI is set up with, whether <c>skillrt run</c> starts it or an MCP
/// client calls it through <c>skillrt mcp serve</c>: the working folder, the MCP servers of its
/// configuration files, the installed skills it may depend on, the sandbox switch and the time limit.
/// One place, so the two commands cannot drift apart on permissions, sandbox or dependency resolution.
/// </summary>
internal static class SkillRunSetup
{
    /// <summary>Whether <paramref name="skill"/> runs on a model (process and mcp-tool skills never call one).</summary>
    public static bool RunsOnModel(SkillDefinition skill) =>
        skill.Manifest.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;

    /// <summary>
    /// The runner's options for one run of <paramref name="skill"/> in the current folder. The MCP files and
    /// the store are read only for skills that need them, so a plain run stays cheap and a broken
    /// .vscode/mcp.json does not stop skills that never use MCP.
    /// </summary>
    /// <param name="skill">The skill about to run.</param>
    /// <param name="store">The store its skill dependencies are found in.</param>
    /// <param name="noSandbox">Whether processes may run unconfined where no sandbox is available (<c>--no-sandbox</c>).</param>
    /// <param name="timeout">How long the whole run may take.</param>
    /// <param name="cancellationToken">Stops reading the store.</param>
    public static async Task<SkillRunnerOptions> CreateOptionsAsync(SkillDefinition skill, SkillStore store, bool noSandbox, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var workingDirectory = Environment.CurrentDirectory;
        var options = new SkillRunnerOptions
        {
            WorkingDirectory = workingDirectory,
            UnsafeAllowUnsandboxedProcesses = noSandbox,
            RunTimeout = timeout,
        };
        var manifest = skill.Manifest;
        if (manifest.Dependencies.McpServers.Count > 0 || manifest.Runtime.Type == SkillRuntimeType.McpTool)
        {
            try
            {
                options.McpServers.AddFromDirectory(workingDirectory);
            }
            catch (McpConfigurationException exception)
            {
                throw RunFailures.Translate(exception, skill, model: null)!;
            }
        }

        if (manifest.Dependencies.Skills.Count > 0)
        {
            await AddInstalledSkillsAsync(options.Skills, store, cancellationToken).ConfigureAwait(false);
        }

        return options;
    }

    // Every sound installed skill may be a sibling; the runner picks the highest version in each range.
    private static async Task AddInstalledSkillsAsync(SkillCollection skills, SkillStore store, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoreEntry> entries;
        try
        {
            entries = store.List(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.StoreError, $"cannot read the skill store '{store.SkillsDirectory}' for this skill's dependencies: {exception.Message}; check its permissions.", exception.ToString(), exception);
        }

        foreach (var entry in entries.Where(entry => entry.IsSound))
        {
            try
            {
                skills.Add(await SkillDefinition.LoadAsync(entry.Directory, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is SkillValidationException or IOException or UnauthorizedAccessException)
            {
                // Changed or removed since it was listed; if the skill needs it, the dependency check says so.
            }
        }
    }
}
