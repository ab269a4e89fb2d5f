using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>
/// The versions of a skill that resolution can choose from: those on the NuGet feeds and those in the
/// store, merged highest first. An installed version needs no download, so where a feed has the same
/// version the installed copy is offered; a skill installed from a folder, on no feed, can still satisfy
/// a dependency. The packages read from the feeds are kept, so what was resolved is what is installed.
/// </summary>
internal sealed class SkillVersionCatalog : ISkillVersionSource
{
    private readonly NuGetSkillFeed _feed;
    private readonly SkillStore _store;
    private readonly Dictionary<(string Name, SemanticVersion Version), FeedSkillVersion> _packages = [];

    public SkillVersionCatalog(NuGetSkillFeed feed, SkillStore store)
    {
        _feed = feed;
        _store = store;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SkillCandidate> GetVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sound = _store.Versions(name).Where(entry => entry.IsSound).ToList();
        var installedVersions = sound.Select(entry => entry.Version!).ToHashSet();
        var installed = new Queue<SkillCandidate>(Enumerable.Reverse(sound).Select(ReadInstalled).OfType<SkillCandidate>());
        await foreach (var version in _feed.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            _packages[(name, version.Version)] = version;
            while (installed.Count > 0 && installed.Peek().Version >= version.Version)
            {
                yield return installed.Dequeue();
            }

            if (!installedVersions.Contains(version.Version))
            {
                yield return new SkillCandidate(name, version.Version, version.Dependencies, version.DisplayName, IsYanked: version.State is { IsYanked: true });
            }
        }

        while (installed.Count > 0)
        {
            yield return installed.Dequeue();
        }
    }

    /// <summary>The feed package read for this version, or null when it was not (an installed version the feeds do not have).</summary>
    public FeedSkillVersion? PackageOf(string name, SemanticVersion version) => _packages.GetValueOrDefault((name, version));

    /// <summary>
    /// The version of each installed skill that counts (the one <c>skillrt run name</c> picks: the
    /// highest sound stable version, or the highest pre-release when there is no stable one), with
    /// the dependencies its SKILL.md declares.
    /// </summary>
    public static IReadOnlyList<SkillCandidate> InstalledSkills(SkillStore store, CancellationToken cancellationToken)
    {
        var result = new List<SkillCandidate>();
        foreach (var group in store.List(cancellationToken).Where(entry => entry.IsSound).GroupBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var current = group.LastOrDefault(entry => !entry.Version!.IsPrerelease) ?? group.Last();
            if (ReadInstalled(current) is { } candidate)
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    /// <summary>An installed version as a candidate; null when its SKILL.md changed under us and no longer reads.</summary>
    public static SkillCandidate? ReadInstalled(StoreEntry entry)
    {
        try
        {
            var manifest = SkillValidator.Validate(SkillDocument.Load(entry.SkillFile)).Manifest;
            return new SkillCandidate(entry.Name, entry.Version!, manifest.Dependencies.Skills, "installed", IsInstalled: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
