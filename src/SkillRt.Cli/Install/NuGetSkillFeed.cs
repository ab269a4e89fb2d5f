using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using SkillRt.Cli.Sources;
using SkillRt.Cli.Store;
using NuGetVersion = NuGet.Versioning.NuGetVersion;

namespace SkillRt.Cli.Install;

/// <summary>
/// Finds the package that holds a skill on the NuGet feeds configured for a folder (NuGet.config,
/// credentials included). Skills are not packages, so a skill is looked up through the packages
/// that may hold it: one whose ID is the skill's name, and those that <c>dotnet pack</c> tagged
/// <c>skillrt-skill-{name}</c>. Each candidate's versions are read from the highest down until one
/// lists the skill, in the range asked for, in its <c>skills/index.json</c>; the highest skill
/// version over all candidates and feeds wins.
/// </summary>
internal sealed partial class NuGetSkillFeed
{
    // One page of search results: the tag is exact, so a feed with more tagged packages than this is not expected.
    private const int RemoteSearchPageSize = 100;

    private readonly string _configDirectory;
    private readonly ILogger _log;
    private readonly IProgress<string>? _progress;

    /// <param name="configDirectory">Where NuGet.config lookup starts: the working folder, as for <c>dotnet restore</c>.</param>
    /// <param name="log">NuGet's log: <see cref="NullLogger.Instance"/>, or stderr with <c>--verbose</c>.</param>
    /// <param name="progress">Told what is being searched and downloaded (with the bytes so far), for a terminal's status line.</param>
    public NuGetSkillFeed(string configDirectory, ILogger log, IProgress<string>? progress = null)
    {
        _configDirectory = configDirectory;
        _log = log;
        _progress = progress;
    }

    /// <summary>The tag <c>dotnet pack</c> gives a package for every skill it holds (build/SkillRt.targets).</summary>
    public static string SkillTag(string name) => "skillrt-skill-" + name;

    /// <summary>
    /// The package holding the highest version of the skill that <paramref name="request"/> accepts,
    /// downloaded; or a <see cref="CliException"/> saying what was searched and what was found.
    /// </summary>
    public async Task<FeedPackage> FindAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        var sources = LoadSources();
        var found = new List<(SemanticVersion SkillVersion, string Package)>();
        Match? best = null;
        // No cached feed metadata: a version published a minute ago must be installable now.
        using var cache = new SourceCacheContext { NoCache = true };
        try
        {
            foreach (var source in sources)
            {
                foreach (var match in await FindInSourceAsync(source, request, cache, found, cancellationToken).ConfigureAwait(false))
                {
                    if (best is null || IsBetter(match, best))
                    {
                        best?.Package.Dispose();
                        best = match;
                    }
                    else
                    {
                        match.Package.Dispose();
                    }
                }
            }
        }
        catch
        {
            best?.Package.Dispose();
            throw;
        }

        if (best is not null)
        {
            _log.LogInformation($"Chose {request.Name} {best.Package.SkillVersion} in {best.Package.DisplayName}.");
            return best.Package;
        }

        var searched = string.Join(", ", sources.Select(Describe));
        if (found.Count == 0)
        {
            throw new CliException(
                ExitCodes.NotFound,
                $"no package on {searched} holds the skill '{request.Name}' (looked for a package named '{request.Name}' and packages tagged '{SkillTag(request.Name)}'); check the name, or add the feed that publishes it to NuGet.config.");
        }

        var versions = found
            .GroupBy(f => f.SkillVersion)
            .OrderByDescending(g => g.Key)
            .Select(g => $"{g.Key} in {g.First().Package}")
            .ToList();
        var listed = versions.Count > 10 ? string.Join(", ", versions.Take(10)) + $" and {versions.Count - 10} more" : string.Join(", ", versions);
        throw new CliException(
            ExitCodes.NotFound,
            $"no version of '{request.Name}' on {searched} matches '{request.RangeText ?? "*"}' (found: {listed}); install one of those, for example 'skillrt install {request.Name}@{found.Max(f => f.SkillVersion)}'.");
    }

    // A match inside the range (or a stable one, when any version will do) beats a fallback; then the higher skill version.
    private static bool IsBetter(Match candidate, Match best) =>
        candidate.IsPreferred != best.IsPreferred ? candidate.IsPreferred : candidate.Package.SkillVersion > best.Package.SkillVersion;

    private List<PackageSource> LoadSources()
    {
        ISettings settings;
        try
        {
            settings = Settings.LoadDefaultSettings(_configDirectory);
        }
        catch (NuGetConfigurationException exception)
        {
            throw new CliException(ExitCodes.FeedError, $"cannot read the NuGet configuration for '{_configDirectory}': {exception.Message}; fix the NuGet.config it names.", exception.ToString(), exception);
        }

        var sources = new PackageSourceProvider(settings).LoadPackageSources().Where(source => source.IsEnabled).ToList();

        // Then skillrt's own registry sources (skillrt login, skillrt sources add), after NuGet.config's and
        // skipping any NuGet.config lists already. No credentials: reading a registry needs no key, and the
        // keys in credentials.json are for publishing and key management only.
        var registries = SkillRtConfig.Load().Sources.Sources;
        sources.AddRange(registries
            .Where(registry => !sources.Any(source => string.Equals(source.Source.TrimEnd('/'), registry.Url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            .Select(registry => new PackageSource(registry.Url, registry.Name)));
        if (sources.Count == 0)
        {
            var files = string.Join(", ", settings.GetConfigFilePaths().Select(path => $"'{path}'"));
            throw new CliException(
                ExitCodes.NotConfigured,
                $"no NuGet feed is enabled for '{_configDirectory}' (read {files}) and no skillrt source is configured; add one with 'skillrt login <url>' or 'dotnet nuget add source <URL or folder> --name <name>'.");
        }

        return sources;
    }

    private async Task<List<Match>> FindInSourceAsync(PackageSource source, SkillRequest request, SourceCacheContext cache, List<(SemanticVersion, string)> found, CancellationToken cancellationToken)
    {
        CheckSource(source);
        _progress?.Report($"resolving {request} on {Describe(source)}");
        var tag = SkillTag(request.Name);
        try
        {
            var repository = Repository.Factory.GetCoreV3(source);
            var byId = await repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false);
            if (byId is null)
            {
                throw new CliException(ExitCodes.FeedError, $"the feed {Describe(source)} cannot list package versions (its service index has no package base address); check the URL in NuGet.config.");
            }

            var candidates = new List<string> { request.Name };
            var search = await repository.GetResourceAsync<PackageSearchResource>(cancellationToken).ConfigureAwait(false);
            if (search is not null)
            {
                // A folder feed's search matches package IDs only, never tags: list every package and read the tags here.
                var results = source.IsLocal
                    ? await search.SearchAsync(string.Empty, new SearchFilter(includePrerelease: true), 0, int.MaxValue, _log, cancellationToken).ConfigureAwait(false)
                    : await search.SearchAsync(tag, new SearchFilter(includePrerelease: true), 0, RemoteSearchPageSize, _log, cancellationToken).ConfigureAwait(false);
                candidates.AddRange(results.Where(result => HasTag(result.Tags, tag)).Select(result => result.Identity.Id));
            }

            var matches = new List<Match>();
            foreach (var id in candidates.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var match = await WalkAsync(byId, id, source, request, cache, found, cancellationToken).ConfigureAwait(false);
                if (match is not null)
                {
                    matches.Add(match);
                }
            }

            return matches;
        }
        catch (Exception exception) when (IsFeedFailure(exception, cancellationToken))
        {
            throw FeedFailure(source, exception);
        }
    }

    /// <summary>
    /// One candidate's versions, highest first, until one holds the skill in range. A version without
    /// skills/index.json ends the walk: the package is not (or no longer) a skill package, and its older
    /// versions are not worth downloading one by one.
    /// </summary>
    private async Task<Match?> WalkAsync(FindPackageByIdResource byId, string id, PackageSource source, SkillRequest request, SourceCacheContext cache, List<(SemanticVersion, string)> found, CancellationToken cancellationToken)
    {
        var versions = (await byId.GetAllVersionsAsync(id, cache, _log, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(version => version)
            .ToList();
        Match? fallback = null;
        foreach (var version in versions)
        {
            var content = new MemoryStream();
            var keep = false;
            try
            {
                var downloading = $"downloading {id} {version.ToNormalizedString()} from {Describe(source)}";
                _progress?.Report(downloading);
                Stream destination = _progress is null ? content : new DownloadCountingStream(content, bytes => _progress.Report($"{downloading}: {DownloadCountingStream.Format(bytes)}"));
                if (!await byId.CopyNupkgToStreamAsync(id, version, destination, cache, _log, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                content.Position = 0;
                var feedPackage = new FeedPackage(id, version.ToNormalizedString(), Describe(source), SkillStore.UnversionedVersion, content);
                var skill = ReadSkill(feedPackage, request.Name, out var isSkillPackage);
                if (!isSkillPackage)
                {
                    _log.LogVerbose($"{feedPackage.DisplayName} has no skills/index.json; not looking at its older versions.");
                    break;
                }

                if (skill is null)
                {
                    continue;
                }

                found.Add((skill.Version, $"{id} {version.ToNormalizedString()}"));
                feedPackage = feedPackage with { SkillVersion = skill.Version };
                if (request.Range?.Satisfies(skill.Version) ?? !skill.Version.IsPrerelease)
                {
                    keep = true;
                    fallback?.Package.Dispose();
                    return new Match(feedPackage, IsPreferred: true);
                }

                // Any version will do, and this one is a prerelease: keep the highest, in case no stable version follows.
                if (request.Range is null && fallback is null)
                {
                    keep = true;
                    fallback = new Match(feedPackage, IsPreferred: false);
                }
            }
            finally
            {
                if (!keep)
                {
                    await content.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return fallback;
    }

    /// <summary>The skill's entry in a downloaded package's index, if it lists it; a damaged version is skipped, not fatal.</summary>
    private PackagedSkill? ReadSkill(FeedPackage feedPackage, string name, out bool isSkillPackage)
    {
        try
        {
            using var package = SkillPackage.Open(feedPackage.Content, feedPackage.DisplayName, ExitCodes.FeedError);
            isSkillPackage = package.HasIndex;
            return package.Skills.FirstOrDefault(skill => string.Equals(skill.Name, name, StringComparison.Ordinal));
        }
        catch (CliException exception)
        {
            _log.LogWarning($"Skipping {feedPackage.DisplayName}: {exception.Message}");
            isSkillPackage = true;
            return null;
        }
        finally
        {
            feedPackage.Content.Position = 0;
        }
    }

    /// <summary>Refuses, before any request, a folder feed that does not exist and plain HTTP that crosses the network.</summary>
    private static void CheckSource(PackageSource source)
    {
        if (source.IsLocal)
        {
            if (!Directory.Exists(source.Source))
            {
                throw new CliException(ExitCodes.FeedError, $"the folder feed {Describe(source)} does not exist; create it, or fix or disable the source in NuGet.config.");
            }

            return;
        }

        // As NuGet restore does: a skill downloaded over plain HTTP could be changed on the way.
        if (Uri.TryCreate(source.Source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !source.AllowInsecureConnections)
        {
            throw new CliException(
                ExitCodes.FeedError,
                $"the feed {Describe(source)} uses plain HTTP; use its https:// address, or mark the source allowInsecureConnections=\"true\" in NuGet.config if you trust the network.");
        }
    }

    private static bool HasTag(string? tags, string tag) =>
        tags is not null && tags.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Contains(tag, StringComparer.OrdinalIgnoreCase);

    private static bool IsFeedFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is NuGetProtocolException or HttpRequestException or IOException or UnauthorizedAccessException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>One line that names the feed and says what to do: credentials for a refusal, the URL and network otherwise.</summary>
    private static CliException FeedFailure(PackageSource source, Exception exception)
    {
        var chain = Flatten(exception).ToList();
        var status = chain.OfType<HttpRequestException>().Select(e => e.StatusCode).FirstOrDefault(code => code is not null);
        // "Unable to load the service index for source …: Connection refused (host:port)", without the repeats of inner exceptions.
        var messages = new List<string>();
        foreach (var message in chain.Select(e => e.Message.Trim().TrimEnd('.')))
        {
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        var details = string.Join(": ", messages);
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || details.Contains("401 (Unauthorized)", StringComparison.Ordinal) || details.Contains("403 (Forbidden)", StringComparison.Ordinal))
        {
            return new CliException(
                ExitCodes.FeedError,
                $"the feed {Describe(source)} refused the request ({(status is { } code ? $"{(int)code} {code}" : "not authorized")}); add credentials for it to NuGet.config ('dotnet nuget update source {source.Name} --username <user> --password <token>') and try again.",
                exception.ToString(),
                exception);
        }

        return new CliException(
            ExitCodes.FeedError,
            $"cannot read the feed {Describe(source)}: {details}. Check its URL in NuGet.config and the network, or disable it with 'dotnet nuget disable source {source.Name}'.",
            exception.ToString(),
            exception);
    }

    private static string Describe(PackageSource source) =>
        string.Equals(source.Name, source.Source, StringComparison.Ordinal) ? $"'{source.Source}'" : $"'{source.Name}' ({source.Source})";

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>A package that holds the skill; <paramref name="IsPreferred"/> is false for a prerelease kept only as a fallback.</summary>
    private sealed record Match(FeedPackage Package, bool IsPreferred);
}
