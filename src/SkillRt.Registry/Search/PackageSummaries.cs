using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Search;

/// <summary>
/// Runs a search and loads what its page of results shows, as <see cref="PackageSummary"/> records:
/// the one loader behind the JSON search API and the web search page. Six small reads for a page
/// (versions, packages, sibling versions, co-owners, owner names, deprecations), none per result, and
/// the whole page kept in <see cref="SearchPageCache"/>.
/// </summary>
internal sealed class PackageSummaries(
    IPackageSearch search,
    RegistryDbContext db,
    PackageOwners packageOwners,
    IOwnerDirectory owners,
    SearchPageCache cache)
{
    /// <summary>The page of <paramref name="request"/>, from the cache when it was asked recently.</summary>
    public Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(request, () => LoadAsync(request, cancellationToken));

    private async Task<SearchPage> LoadAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var results = await search.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        if (results.Hits.Count == 0)
        {
            return new SearchPage(results.TotalHits, [], results.Facets);
        }

        var versionIds = results.Hits.Select(h => h.VersionId).ToList();
        var registrationIds = results.Hits.Select(h => h.RegistrationId).ToList();
        var prerelease = request.Prerelease;
        // Projected: a version row also holds its nuspec's search text and manifest, which a result does not show.
        var versions = await db.Versions.AsNoTracking()
            .Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Version, v.FullVersion, v.NormalizedVersion, v.Title, v.Description, v.ProjectUrl, v.Tags, v.Authors, v.Nuspec, v.Runtimes, v.Permissions, v.OutputTypes })
            .ToDictionaryAsync(v => v.Id, cancellationToken).ConfigureAwait(false);
        var packages = await db.Packages.AsNoTracking().Where(p => registrationIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);
        var siblings = (await db.Versions.AsNoTracking()
                .Where(v => registrationIds.Contains(v.RegistrationId) && v.IsListed && (prerelease || !v.IsPrerelease))
                .Select(v => new { v.RegistrationId, v.Version, v.NormalizedVersion, v.Downloads })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(v => v.RegistrationId);
        var deprecated = (await db.Set<VersionLifecycle>().AsNoTracking()
                .Where(l => versionIds.Contains(l.VersionId) && l.DeprecationReasons != null)
                .Select(l => l.VersionId)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet();
        var ownerIds = await packageOwners.OwnerIdsAsync(packages.Values, cancellationToken).ConfigureAwait(false);
        var ownerNames = await owners.GetAsync(ownerIds.Values.SelectMany(o => o).Distinct().ToList(), cancellationToken).ConfigureAwait(false);

        var summaries = new List<PackageSummary>(results.Hits.Count);
        foreach (var hit in results.Hits)
        {
            // A version unlisted between the search and this read is left out of the page, not shown stale.
            if (!versions.TryGetValue(hit.VersionId, out var version) || !packages.TryGetValue(hit.RegistrationId, out var package))
            {
                continue;
            }

            summaries.Add(new PackageSummary(
                package.Id,
                package.PackageId,
                package.NormalizedId,
                NuGetVersion.TryParse(version.FullVersion, out var full) ? full.ToFullString() : version.Version,
                version.NormalizedVersion,
                string.IsNullOrEmpty(version.Title) ? package.PackageId : version.Title,
                version.Description ?? string.Empty,
                string.IsNullOrEmpty(version.ProjectUrl) ? null : version.ProjectUrl,
                Reading.RegistrationEndpoints.SplitTags(version.Tags),
                (version.Authors ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ownerIds[package.Id].Where(ownerNames.ContainsKey).Select(o => ownerNames[o].Name).ToList(),
                package.TotalDownloads,
                hit.Verified,
                hit.Typed,
                deprecated.Contains(version.Id),
                PackageTypes(version.Nuspec),
                siblings[package.Id]
                    .OrderBy(v => NuGetVersion.Parse(v.Version), VersionComparer.Default)
                    .Select(v => new PackageSummaryVersion(v.Version, v.NormalizedVersion, v.Downloads))
                    .ToList(),
                Words(version.Runtimes),
                Words(version.Permissions),
                Words(version.OutputTypes)));
        }

        return new SearchPage(results.TotalHits, summaries, results.Facets);
    }

    private static IReadOnlyList<string> Words(string values) =>
        values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> PackageTypes(string nuspec)
    {
        try
        {
            var types = new NuspecReader(XDocument.Parse(nuspec)).GetPackageTypes().Select(t => t.Name).ToList();
            return types.Count == 0 ? ["Dependency"] : types;
        }
        catch (Exception exception) when (exception is XmlException or PackagingException or InvalidOperationException)
        {
            return ["Dependency"];
        }
    }
}
