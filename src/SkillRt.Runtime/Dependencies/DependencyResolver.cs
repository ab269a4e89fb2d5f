using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Mcp;
using SkillRt.Sandboxing;

namespace SkillRt.Dependencies;

/// <summary>
/// Checks, before a skill does anything, that everything it depends on is there: its CLI tools on
/// PATH, its MCP servers configured and answering, its sibling skills in the catalogue (and, in turn,
/// theirs), and the program of a process skill. Every problem is collected so the host fixes them
/// all at once.
/// </summary>
internal sealed class DependencyResolver(SkillCollection catalog, McpClientPool mcpServers)
{
    /// <summary>Resolves the skill's dependencies or throws <see cref="SkillDependencyException"/> listing every missing one.</summary>
    public async Task<ResolvedDependencies> ResolveAsync(SkillDescriptor descriptor, string? skillDirectory, CancellationToken cancellationToken)
    {
        var dependencies = descriptor.Dependencies;
        var runtime = descriptor.Runtime;
        if (dependencies.Skills.Count == 0 && dependencies.Tools.Count == 0 && dependencies.McpServers.Count == 0
            && runtime.Type is not (SkillRuntimeType.Process or SkillRuntimeType.McpTool))
        {
            return ResolvedDependencies.None;
        }

        var problems = new List<SkillDependencyProblem>();
        CheckProgram(descriptor, skillDirectory, problems);
        if (runtime.Type == SkillRuntimeType.McpTool && runtime.Server is { } server && !dependencies.McpServers.Contains(server, StringComparer.Ordinal))
        {
            await CheckServerAsync(server, neededBy: null, problems, cancellationToken).ConfigureAwait(false);
        }

        var skills = new List<SkillCollectionEntry>(dependencies.Skills.Count);
        var visited = new HashSet<SkillDescriptor>(ReferenceEqualityComparer.Instance) { descriptor };
        await CheckAsync(descriptor, neededBy: null, skills, visited, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new SkillDependencyException(problems, descriptor.Name);
        }

        return new ResolvedDependencies(skills, dependencies.McpServers);
    }

    private async Task CheckAsync(
        SkillDescriptor descriptor, string? neededBy, List<SkillCollectionEntry>? direct, HashSet<SkillDescriptor> visited, List<SkillDependencyProblem> problems, CancellationToken cancellationToken)
    {
        var dependencies = descriptor.Dependencies;
        foreach (var tool in dependencies.Tools)
        {
            if (ProgramLocator.FindOnPath(tool) is null)
            {
                problems.Add(new(SkillDependencyKind.Tool, tool, Needed(neededBy, "it is not on PATH; install it or add its folder to PATH")));
            }
        }

        foreach (var server in dependencies.McpServers)
        {
            await CheckServerAsync(server, neededBy, problems, cancellationToken).ConfigureAwait(false);
        }

        foreach (var dependency in dependencies.Skills)
        {
            var resolution = catalog.Resolve(dependency);
            if (resolution.Skill is not { } entry)
            {
                problems.Add(new(SkillDependencyKind.Skill, dependency.ToString(), Needed(neededBy, Describe(dependency, resolution))));
                continue;
            }

            direct?.Add(entry);

            // A sibling's own dependencies are checked now too, so nothing fails halfway through the run.
            if (visited.Add(entry.Descriptor))
            {
                await CheckAsync(entry.Descriptor, entry.Descriptor.ToString(), direct: null, visited, problems, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckServerAsync(string server, string? neededBy, List<SkillDependencyProblem> problems, CancellationToken cancellationToken)
    {
        if (!mcpServers.IsConfigured(server))
        {
            problems.Add(new(SkillDependencyKind.McpServer, server, Needed(neededBy, "it is not configured; add it to .mcp.json (mcpServers) and load that file, or to SkillRunnerOptions.McpServers")));
            return;
        }

        if (await mcpServers.CheckReachableAsync(server, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            problems.Add(new(SkillDependencyKind.McpServer, server, Needed(neededBy, reason)));
        }
    }

    private static void CheckProgram(SkillDescriptor descriptor, string? skillDirectory, List<SkillDependencyProblem> problems)
    {
        if (descriptor.Runtime.Type != SkillRuntimeType.Process || descriptor.Runtime.Command is not [var program, ..])
        {
            return;
        }

        // The same lookup the sandbox makes when it starts the process, so the check and the start agree.
        var isPath = program.Contains('/') || program.Contains('\\');
        if (isPath && !Path.IsPathRooted(program) && skillDirectory is null)
        {
            problems.Add(new(SkillDependencyKind.Program, program, descriptor.SourcePath is { } source && !SkillDefinition.IsSkillFolderFile(source)
                ? $"it is a path inside the skill's folder, and a skill loaded from a loose file ('{Path.GetFileName(source)}') has none; put the skill in a folder of its own as SKILL.md, next to the program"
                : "it is a path inside the skill's folder, and the folder is not known; load the skill from disk (SkillDefinition.LoadAsync) or copy its folder next to the application"));
        }
        else if (ProgramLocator.Find(program, skillDirectory, Environment.CurrentDirectory, SandboxEnvironment.SearchPath(descriptor.Permissions.Environment)) is null)
        {
            // The PATH the process will run with, not the host's: a program found only on the host's
            // PATH (a pyenv shim) is not the program that would run.
            problems.Add(new(SkillDependencyKind.Program, program, isPath
                ? $"there is no file at '{Path.GetFullPath(program, skillDirectory ?? Environment.CurrentDirectory)}'"
                : ProgramLocator.FindOnPath(program) is { } elsewhere
                    ? $"it is not on the PATH the skill's processes run with ({SandboxEnvironment.SearchPath(descriptor.Permissions.Environment)}), only at {elsewhere}; install it in a system folder, name it by its full path, or list PATH in permissions.env"
                    : "it is not on PATH; install it or add its folder to PATH"));
        }
    }

    private string Describe(SkillDependency dependency, SkillResolution resolution)
    {
        if (resolution.Ambiguous)
        {
            return "two different skills have the highest matching name and version; keep one of them in the catalogue";
        }

        if (resolution.VersionsWithName == 0)
        {
            return "no skill of that name is in the runner's catalogue; add it with options.Skills.Add(…) or AddDirectoryAsync(…)";
        }

        var versions = string.Join(", ", catalog.Where(d => d.Name == dependency.Name).Select(d => d.Version?.ToString() ?? "(no version)").Order(StringComparer.Ordinal));
        return $"no version in the catalogue is in the range '{dependency.Range.Text}' (it has {versions})";
    }

    private static string Needed(string? neededBy, string reason) => neededBy is null ? reason : $"{reason} (needed by skill '{neededBy}')";
}
