using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using SkillRt.Cli.Store;
using NuGetVersion = NuGet.Versioning.NuGetVersion;

namespace SkillRt.Cli.Install;

/// <summary>Every version of a skill on the feeds, for dependency resolution and <c>skillrt outdated</c>.</summary>
internal sealed partial class NuGetSkillFeed
{
    // The feeds versions were downloaded from, by the name messages give them (FeedSkillVersion.Source).
    private readonly Dictionary<string, PackageSource> _feedsByName = new(StringComparer.Ordinal);

    /// <summary>
    /// The versions of the skill <paramref name="name"/> on every enabled feed, highest first, each
    /// with its dependencies and its package's bytes. Lazy: each package that may hold the skill (the
    /// same candidates as <see cref="FindAsync"/>) is walked from its highest version down, and a
    /// package version is downloaded only when the caller reads past the versions already known, so
    /// a caller that takes the first version it can use downloads one per candidate package. A version
    /// found in several packages or feeds is produced once, from the first feed in NuGet.config order.
    /// </summary>
    public async IAsyncEnumerable<FeedSkillVersion> ListVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sources = LoadSources();
        using var cache = new SourceCacheContext { NoCache = true };
        var walks = new List<PackageWalk>();
        foreach (var source in sources)
        {
            walks.AddRange(await OpenWalksAsync(source, name, cache, cancellationToken).ConfigureAwait(false));
        }

        foreach (var walk in walks)
        {
            await walk.AdvanceAsync(cancellationToken).ConfigureAwait(false);
        }

        var produced = new HashSet<SemanticVersion>();
        while (true)
        {
            // A k-way merge: each package's versions come highest first, so the highest head is the next version overall.
            PackageWalk? best = null;
            foreach (var walk in walks)
            {
                if (walk.Current is { } current && (best is null || current.Version > best.Current!.Version))
                {
                    best = walk;
                }
            }

            if (best is null)
            {
                yield break;
            }

            var next = best.Current!;
            await best.AdvanceAsync(cancellationToken).ConfigureAwait(false);
            if (produced.Add(next.Version))
            {
                yield return next;
            }
        }
    }

    /// <summary>The highest stable version of the skill on the feeds ("latest", as npm's dist-tag), or null when there is none.</summary>
    public async Task<SemanticVersion?> LatestAsync(string name, CancellationToken cancellationToken)
    {
        await foreach (var version in ListVersionsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            // A yanked version is not "latest": outdated and update never move to one.
            if (!version.Version.IsPrerelease && version.State is not { IsYanked: true })
            {
                return version.Version;
            }
        }

        return null;
    }

    /// <summary>The packages on one feed that may hold the skill, each with its versions listed (no download yet).</summary>
    private async Task<List<PackageWalk>> OpenWalksAsync(PackageSource source, string name, SourceCacheContext cache, CancellationToken cancellationToken)
    {
        CheckSource(source);
        _progress?.Report($"resolving {name} on {Describe(source)}");
        var tag = SkillTag(name);
        try
        {
            var repository = Repository.Factory.GetCoreV3(source);
            var byId = await repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false)
                ?? throw new CliException(ExitCodes.FeedError, $"the feed {Describe(source)} cannot list package versions (its service index has no package base address); check the URL in NuGet.config.");
            var candidates = new List<string> { name };
            var search = await repository.GetResourceAsync<PackageSearchResource>(cancellationToken).ConfigureAwait(false);
            if (search is not null)
            {
                // As in FindAsync: a folder feed's search matches IDs only, so every package is listed and its tags read here.
                var results = source.IsLocal
                    ? await search.SearchAsync(string.Empty, new SearchFilter(includePrerelease: true), 0, int.MaxValue, _log, cancellationToken).ConfigureAwait(false)
                    : await search.SearchAsync(tag, new SearchFilter(includePrerelease: true), 0, RemoteSearchPageSize, _log, cancellationToken).ConfigureAwait(false);
                candidates.AddRange(results.Where(result => HasTag(result.Tags, tag)).Select(result => result.Identity.Id));
            }

            var registration = await repository.GetResourceAsync<RegistrationResourceV3>(cancellationToken).ConfigureAwait(false);
            var walks = new List<PackageWalk>();
            foreach (var id in candidates.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var versions = (await byId.GetAllVersionsAsync(id, cache, _log, cancellationToken).ConfigureAwait(false))
                    .OrderByDescending(version => version)
                    .ToList();
                if (versions.Count > 0)
                {
                    var states = await ReadLifecycleAsync(registration, id, cache, cancellationToken).ConfigureAwait(false);
                    walks.Add(new PackageWalk(this, byId, id, source, versions, name, cache, states));
                }
            }

            return walks;
        }
        catch (Exception exception) when (IsFeedFailure(exception, cancellationToken))
        {
            throw FeedFailure(source, exception);
        }
    }

    /// <summary>
    /// The yanked and deprecated versions of a package, from the feed's registration (one request, every
    /// version); none for a feed without registration (a folder).
    /// </summary>
    private async Task<IReadOnlyDictionary<NuGetVersion, PackageLifecycleState>> ReadLifecycleAsync(
        RegistrationResourceV3? registration, string id, SourceCacheContext cache, CancellationToken cancellationToken)
    {
        var states = new Dictionary<NuGetVersion, PackageLifecycleState>();
        if (registration is null)
        {
            return states;
        }

        foreach (var entry in await registration.GetPackageMetadata(id, includePrerelease: true, includeUnlisted: true, cache, _log, cancellationToken).ConfigureAwait(false))
        {
            if (entry["version"]?.ToString() is { } text && NuGetVersion.TryParse(text, out var version) && PackageLifecycleState.Read(entry) is { } state)
            {
                states[version] = state;
            }
        }

        return states;
    }

    /// <summary>Downloads one package version and reads the skill's entry in its index; null when it does not list the skill.</summary>
    private async Task<(FeedSkillVersion? Skill, bool IsSkillPackage)> ReadVersionAsync(
        FindPackageByIdResource byId, string id, NuGetVersion version, PackageSource source, string name, SourceCacheContext cache, PackageLifecycleState? state, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        try
        {
            var downloading = $"downloading {id} {version.ToNormalizedString()} from {Describe(source)}";
            _progress?.Report(downloading);
            Stream destination = _progress is null ? content : new DownloadCountingStream(content, bytes => _progress.Report($"{downloading}: {DownloadCountingStream.Format(bytes)}"));
            if (!await byId.CopyNupkgToStreamAsync(id, version, destination, cache, _log, cancellationToken).ConfigureAwait(false))
            {
                return (null, true);
            }
        }
        catch (Exception exception) when (IsFeedFailure(exception, cancellationToken))
        {
            throw FeedFailure(source, exception);
        }

        content.Position = 0;
        _feedsByName[Describe(source)] = source;
        var package = new FeedPackage(id, version.ToNormalizedString(), Describe(source), SkillStore.UnversionedVersion, content);
        var skill = ReadSkill(package, name, out var isSkillPackage);
        if (skill is null)
        {
            return (null, isSkillPackage);
        }

        return (new FeedSkillVersion(name, skill.Version, skill.Dependencies, id, package.PackageVersion, package.Source, content.ToArray(), state), true);
    }

    /// <summary>
    /// Checks the author's signature of a version about to be installed (<see cref="PackageSignatureVerifier"/>),
    /// before anything is written to the store; throws when it does not hold.
    /// </summary>
    public async Task VerifySignatureAsync(FeedSkillVersion version, CancellationToken cancellationToken)
    {
        if (!_feedsByName.TryGetValue(version.Source, out var source))
        {
            throw new InvalidOperationException($"{version.DisplayName} was not downloaded by this feed.");
        }

        using var content = new MemoryStream(version.Content, writable: false);
        await new PackageSignatureVerifier(_log, _progress)
            .VerifyAsync(source, new PackageToVerify(version.PackageId, version.PackageVersion, version.Source), content, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>One candidate package on one feed, walked from its highest version down; <see cref="Current"/> is the version reached.</summary>
    private sealed class PackageWalk(
        NuGetSkillFeed feed, FindPackageByIdResource byId, string id, PackageSource source, List<NuGetVersion> versions, string name, SourceCacheContext cache,
        IReadOnlyDictionary<NuGetVersion, PackageLifecycleState> states)
    {
        private int _next;
        private bool _ended;

        /// <summary>The skill version reached, or null once the walk is over.</summary>
        public FeedSkillVersion? Current { get; private set; }

        public async Task AdvanceAsync(CancellationToken cancellationToken)
        {
            Current = null;
            while (!_ended && _next < versions.Count)
            {
                var version = versions[_next++];
                var (skill, isSkillPackage) = await feed.ReadVersionAsync(byId, id, version, source, name, cache, states.GetValueOrDefault(version), cancellationToken).ConfigureAwait(false);
                if (!isSkillPackage)
                {
                    // As in FindAsync: a version without skills/index.json is not a skill package; its older versions are not worth downloading.
                    _ended = true;
                }
                else if (skill is not null)
                {
                    Current = skill;
                    return;
                }
            }
        }
    }
}
