using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt;

/// <summary>
/// The skills other skills can depend on (<c>dependencies.skills</c>) and call as tools: typed skills
/// from the source generator and skills loaded from disk, several versions side by side. A
/// dependency <c>name@range</c> resolves to the highest version in range.
/// </summary>
/// <remarks>
/// The same catalogue gives a host's model or agent its skills as tools:
/// <see cref="CreateTools(ISkillRunner)"/> returns one <see cref="SkillTool"/> per skill, ready for
/// <c>ChatOptions.Tools</c>, a <c>ChatClientAgent</c> or a Semantic Kernel plugin.
/// </remarks>
/// <example>
/// <code>
/// options.Skills.Add(LintSkill.Contract);
/// await options.Skills.AddDirectoryAsync("skills");
///
/// var skills = await SkillCollection.LoadAsync("skills");
/// var chatOptions = new ChatOptions { Tools = skills.CreateTools(runner) };
/// </code>
/// </example>
public sealed class SkillCollection : IEnumerable<SkillDescriptor>
{
    private readonly object _gate = new();
    private readonly List<SkillCollectionEntry> _entries = [];

    /// <summary>The number of skills in the catalogue.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds a typed skill, usually a generated one: <c>catalog.Add(LintSkill.Contract)</c>.</summary>
    /// <typeparam name="TInput">The skill's input type.</typeparam>
    /// <typeparam name="TOutput">The skill's output type.</typeparam>
    /// <param name="skill">The skill's contract.</param>
    /// <returns>The catalogue, for chaining.</returns>
    public SkillCollection Add<TInput, TOutput>(SkillContract<TInput, TOutput> skill)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(skill);
        return Add(new SkillCollectionEntry(skill.Descriptor, skill.Descriptor.Directory, skill.AsAIFunction));
    }

    /// <summary>Adds a skill loaded at run time; it runs through its JSON contract.</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The catalogue, for chaining.</returns>
    public SkillCollection Add(SkillDefinition skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var contract = skill.Contract;
        return Add(new SkillCollectionEntry(contract.Descriptor, skill.Directory, contract.AsAIFunction));
    }

    /// <summary>Loads every skill folder (a folder holding <c>SKILL.md</c>) under <paramref name="directory"/> and adds it.</summary>
    /// <param name="directory">The folder to search, recursively.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The number of skills added.</returns>
    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="SkillValidationException">A skill has errors; nothing is added.</exception>
    public async Task<int> AddDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"There is no folder '{directory}' to load skills from.");
        }

        var files = Directory.EnumerateFiles(directory, "SKILL.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var loaded = new List<SkillDefinition>(files.Count);
        foreach (var file in files)
        {
            loaded.Add(await SkillDefinition.LoadAsync(file, cancellationToken).ConfigureAwait(false));
        }

        foreach (var skill in loaded)
        {
            Add(skill);
        }

        return loaded.Count;
    }

    /// <summary>A catalogue of every skill folder (a folder holding <c>SKILL.md</c>) under <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder to search, recursively.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="SkillValidationException">A skill has errors; its diagnostics name the file and line.</exception>
    public static async Task<SkillCollection> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var skills = new SkillCollection();
        await skills.AddDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        return skills;
    }

    /// <summary>
    /// The skills as tools for a host's model or agent, one <see cref="SkillTool"/> per skill, in the
    /// order they were added: <c>new ChatOptions { Tools = skills.CreateTools(runner) }</c>. Each call runs
    /// its skill through <paramref name="runner"/>.
    /// </summary>
    /// <remarks>
    /// A model calls tools by name, so each name must lead to one skill. Of several versions of one skill
    /// (the catalogue may hold them for dependencies), the highest is offered. Two different skills that
    /// would get the same tool name (two folders with the same <c>name</c>, the same name and version
    /// twice, two prose skills whose folder names differ only in characters a tool name cannot have) are
    /// an error naming both files, so which one a model gets never depends on the order they were loaded.
    /// </remarks>
    /// <param name="runner">Runs a skill when a model calls its tool.</param>
    /// <returns>A new list of <see cref="SkillTool"/>s, for <c>ChatOptions.Tools</c> or an agent's tools.</returns>
    /// <exception cref="InvalidOperationException">Two skills would get the same tool name; the message names every such pair's files.</exception>
    public IList<AITool> CreateTools(ISkillRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        List<SkillCollectionEntry> entries;
        lock (_gate)
        {
            entries = [.. _entries];
        }

        // Grouped by the name a model will call, in the order the names first appear.
        var groups = new Dictionary<string, List<SkillCollectionEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = SkillToolName.For(entry.Descriptor.Name);
            if (!groups.TryGetValue(name, out var group))
            {
                groups.Add(name, group = []);
            }

            if (!group.Exists(other => IsSameFile(other, entry)))
            {
                group.Add(entry);
            }
        }

        var chosen = new Dictionary<string, SkillCollectionEntry>(StringComparer.Ordinal);
        var conflicts = new List<(string Name, List<SkillCollectionEntry> Skills)>();
        foreach (var (name, group) in groups)
        {
            // Versions of one skill give way to the highest; anything else sharing the name is a clash.
            var highest = group.Aggregate((best, next) => Compare(next.Descriptor.Version, best.Descriptor.Version) > 0 ? next : best);
            var clashing = group.FindAll(entry =>
                !string.Equals(entry.Descriptor.Name, highest.Descriptor.Name, StringComparison.Ordinal)
                || Compare(entry.Descriptor.Version, highest.Descriptor.Version) == 0);
            if (clashing.Count > 1)
            {
                conflicts.Add((name, clashing));
            }
            else
            {
                chosen.Add(name, highest);
            }
        }

        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(string.Join(
                Environment.NewLine,
                conflicts.Select(conflict =>
                    $"{conflict.Skills.Count} skills would be the tool '{conflict.Name}': {string.Join(" and ", conflict.Skills.Select(FileOf))}; offer only one of them, or rename one (its 'name' in the frontmatter, or for a prose skill its folder).")));
        }

        var tools = new List<AITool>(chosen.Count);
        foreach (var entry in entries)
        {
            var name = SkillToolName.For(entry.Descriptor.Name);
            if (chosen.TryGetValue(name, out var offered) && ReferenceEquals(offered, entry))
            {
                tools.Add(new SkillTool(entry.Descriptor, name, entry.CreateFunction(runner)));
            }
        }

        return tools;
    }

    /// <inheritdoc />
    public IEnumerator<SkillDescriptor> GetEnumerator()
    {
        lock (_gate)
        {
            return _entries.Select(e => e.Descriptor).ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Finds the skill a dependency names: the highest version in its range. Two different skills
    /// with that same name and version are ambiguous and resolve to none.
    /// </summary>
    internal SkillResolution Resolve(SkillDependency dependency)
    {
        SkillCollectionEntry? best = null;
        var ambiguous = false;
        var sameName = 0;
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (!string.Equals(entry.Descriptor.Name, dependency.Name, StringComparison.Ordinal))
                {
                    continue;
                }

                sameName++;
                if (!Satisfies(dependency.Range, entry.Descriptor.Version))
                {
                    continue;
                }

                var order = best is null ? 1 : Compare(entry.Descriptor.Version, best.Descriptor.Version);
                if (order > 0)
                {
                    best = entry;
                    ambiguous = false;
                }
                else if (order == 0)
                {
                    ambiguous = true;
                }
            }
        }

        return new SkillResolution(ambiguous ? null : best, sameName, ambiguous);
    }

    private SkillCollection Add(SkillCollectionEntry entry)
    {
        lock (_gate)
        {
            // The same skill added twice (the same generated descriptor) is one skill.
            if (!_entries.Exists(e => ReferenceEquals(e.Descriptor, entry.Descriptor)))
            {
                _entries.Add(entry);
            }
        }

        return this;
    }

    /// <summary>
    /// The same SKILL.md loaded twice is one skill, not a clash. Only files known on disk are compared:
    /// generated skills' paths are relative to their own projects, so two projects' <c>skills/review/SKILL.md</c>
    /// may be two different skills.
    /// </summary>
    private static bool IsSameFile(SkillCollectionEntry left, SkillCollectionEntry right) =>
        FileOnDisk(left) is { } leftFile && string.Equals(leftFile, FileOnDisk(right), StringComparison.Ordinal);

    private static string? FileOnDisk(SkillCollectionEntry entry) =>
        entry.Directory is { } folder && entry.Descriptor.SourcePath is { } source ? Path.Combine(Path.GetFullPath(folder), Path.GetFileName(source))
        : entry.Descriptor.SourcePath is { } path && Path.IsPathRooted(path) ? Path.GetFullPath(path)
        : null;

    private static string FileOf(SkillCollectionEntry entry) =>
        entry.Descriptor.SourcePath ?? $"{entry.Descriptor} (given as text, not loaded from a file)";

    // A skill without a version satisfies only a dependency without a range.
    private static bool Satisfies(SkillVersionRange range, SemanticVersion? version) =>
        ReferenceEquals(range, SkillVersionRange.Any) || (version is not null && range.Satisfies(version));

    private static int Compare(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? (right is null ? 0 : -1) : right is null ? 1 : left.CompareTo(right);
}
