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
/// <example>
/// <code>
/// options.Skills.Add(LintSkill.Contract);
/// await options.Skills.AddDirectoryAsync("skills");
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

    // A skill without a version satisfies only a dependency without a range.
    private static bool Satisfies(SkillVersionRange range, SemanticVersion? version) =>
        ReferenceEquals(range, SkillVersionRange.Any) || (version is not null && range.Satisfies(version));

    private static int Compare(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? (right is null ? 0 : -1) : right is null ? 1 : left.CompareTo(right);
}
