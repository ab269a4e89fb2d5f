using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// The skills found by <see cref="SkillServeSources"/>, loaded and named: the valid ones as tools or
/// prompts, and for the rest the lines to report on standard error (each invalid skill's diagnostics at
/// their lines, then a summary naming the file). Two skills whose names become the same tool (or prompt)
/// name are a <see cref="Conflicts">conflict</see>: neither is served, and both files are named.
/// </summary>
internal sealed class ServedSkillSet
{
    private ServedSkillSet(IReadOnlyList<ServedSkill> skills, IReadOnlyList<string> problems, IReadOnlyList<string> conflicts)
    {
        Skills = skills;
        Problems = problems;
        Conflicts = conflicts;
    }

    /// <summary>The skills served, tools and prompts, in file order.</summary>
    public IReadOnlyList<ServedSkill> Skills { get; }

    /// <summary>Lines for standard error about skills that could not be loaded.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>One line per name that two or more skills would take, naming every file.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    /// <summary>Finds, loads and names the skills of <paramref name="sources"/>.</summary>
    public static async Task<ServedSkillSet> LoadAsync(SkillServeSources sources, CancellationToken cancellationToken)
    {
        var (files, found) = await sources.FindAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>(found);

        // Reading, parsing and checking one skill is independent of the others: a thousand of them load on
        // every core. Each file's outcome keeps its slot, so problems are reported in file order.
        var outcomes = new (ServedSkill? Skill, IReadOnlyList<string> Problems)[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await LoadOneAsync(files[index], token).ConfigureAwait(false)).ConfigureAwait(false);

        var loaded = new List<ServedSkill>();
        foreach (var (skill, skillProblems) in outcomes)
        {
            problems.AddRange(skillProblems);
            if (skill is not null)
            {
                loaded.Add(skill);
            }
        }

        // Tools and prompts are separate lists in MCP, so a tool and a prompt may share a name.
        var conflicts = new List<string>();
        var served = new List<ServedSkill>();
        foreach (var group in loaded.GroupBy(skill => (skill.IsPrompt, skill.Name)))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                served.Add(members[0]);
                continue;
            }

            var kind = group.Key.IsPrompt ? "prompt" : "tool";
            conflicts.Add($"skillrt: {members.Count} skills would be the MCP {kind} '{group.Key.Name}': {string.Join(" and ", members.Select(m => m.File))}; serve only one of them, or rename one (its 'name' in the frontmatter).");
        }

        var order = files.Select((file, index) => (file, index)).ToDictionary(entry => entry.file, entry => entry.index, StringComparer.Ordinal);
        served.Sort((a, b) => order[a.File].CompareTo(order[b.File]));
        return new ServedSkillSet(served, problems, conflicts);
    }

    private static async Task<(ServedSkill? Skill, IReadOnlyList<string> Problems)> LoadOneAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var skill = await SkillDefinition.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            var candidate = new ServedSkill(skill, McpToolName.For(skill.Name), file, await FingerprintAsync(skill, file, cancellationToken).ConfigureAwait(false));
            if (!candidate.IsPrompt && SkillMcpTool.CheckSchemas(candidate) is { } schemaProblem)
            {
                return (null, [$"skillrt: {file}: not served: {schemaProblem}"]);
            }

            return (candidate, []);
        }
        catch (SkillValidationException exception)
        {
            var errors = exception.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
            return (null, [.. errors.Select(d => d.ToString(file)), $"skillrt: {file}: not served ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}; check it with: skillrt validate {file})."]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, [$"skillrt: {file}: not served: cannot read it: {exception.Message}"]);
        }
    }

    private static async Task<string> FingerprintAsync(SkillDefinition skill, string file, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        if (skill.Document.SidecarPath is { } sidecar && File.Exists(sidecar))
        {
            text.Append('\0').Append(await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false));
        }

        return text.ToString();
    }
}
