using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Search;

/// <summary>
/// SearchQueryService/3.5.0 (with SkillRt's filters and a <c>facets</c> member) and
/// SearchAutocompleteService/3.5.0. Query parameters are checked here: a bad one is a 400 problem.
/// </summary>
internal static class SearchEndpoints
{
    private const int DefaultTake = 20;

    public static async Task<IResult> SearchAsync(
        HttpRequest request,
        RegistryUrls urls,
        IPackageSearch search,
        RegistryDbContext db,
        IOwnerDirectory owners,
        IOptions<RegistryOptions> options,
        CancellationToken cancellationToken)
    {
        var paging = ReadPaging(request, options.Value);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        var (query, skip, take, prerelease, _) = paging;
        var results = await search.SearchAsync(new SearchRequest(SearchQuery.Parse(query), skip, take, prerelease), cancellationToken).ConfigureAwait(false);

        var versionIds = results.Hits.Select(h => h.VersionId).ToList();
        var registrationIds = results.Hits.Select(h => h.RegistrationId).ToList();
        var versions = await db.Versions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken).ConfigureAwait(false);
        var packages = await db.Packages.AsNoTracking().Where(p => registrationIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);
        var siblings = (await db.Versions.AsNoTracking()
                .Where(v => registrationIds.Contains(v.RegistrationId) && v.IsListed && (prerelease || !v.IsPrerelease))
                .Select(v => new { v.RegistrationId, v.Version, v.NormalizedVersion, v.Downloads })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(v => v.RegistrationId);
        // Owners are the primary owner then the co-owners; 'verified' when the prefix deciding the ID was verified for one of them.
        var packageOwners = await request.HttpContext.RequestServices.GetRequiredService<PackageOwners>().OwnerIdsAsync(packages.Values, cancellationToken).ConfigureAwait(false);
        var reservations = await request.HttpContext.RequestServices.GetRequiredService<NamespaceGate>().LongestMatchesAsync(packages.Values.Select(p => p.PackageId).ToList(), cancellationToken).ConfigureAwait(false);
        var ownerNames = await owners.GetAsync(packageOwners.Values.SelectMany(o => o).Distinct().ToList(), cancellationToken).ConfigureAwait(false);

        var data = new JsonArray();
        foreach (var hit in results.Hits)
        {
            // A version unlisted between the search and this read is left out of the page, not shown stale.
            if (!versions.TryGetValue(hit.VersionId, out var version) || !packages.TryGetValue(hit.RegistrationId, out var package))
            {
                continue;
            }

            var lowerId = package.NormalizedId;
            var registration = urls.RegistrationIndex(lowerId);
            var versionList = siblings[package.Id]
                .OrderBy(v => NuGetVersion.Parse(v.Version), VersionComparer.Default)
                .Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v.Version,
                    ["downloads"] = v.Downloads,
                    ["@id"] = urls.RegistrationLeaf(lowerId, v.NormalizedVersion),
                })
                .ToArray();
            data.Add(new JsonObject
            {
                ["@id"] = registration,
                ["@type"] = "Package",
                ["registration"] = registration,
                ["id"] = package.PackageId,
                ["version"] = RegistrationEndpoints.FullVersion(version),
                ["description"] = version.Description ?? string.Empty,
                ["summary"] = string.Empty,
                ["title"] = string.IsNullOrEmpty(version.Title) ? package.PackageId : version.Title,
                ["projectUrl"] = version.ProjectUrl ?? string.Empty,
                ["licenseUrl"] = string.Empty,
                ["iconUrl"] = string.Empty,
                ["tags"] = new JsonArray(RegistrationEndpoints.SplitTags(version.Tags).Select(t => (JsonNode)t).ToArray()),
                ["authors"] = new JsonArray((version.Authors ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => (JsonNode)a).ToArray()),
                ["owners"] = new JsonArray(packageOwners[package.Id].Where(ownerNames.ContainsKey).Select(o => (JsonNode)ownerNames[o].Name).ToArray()),
                ["totalDownloads"] = package.TotalDownloads,
                ["verified"] = reservations.TryGetValue(package.PackageId, out var reservation) && reservation.VerifiedAt is not null && packageOwners[package.Id].Contains(reservation.OwnerId),
                ["packageTypes"] = new JsonArray(PackageTypes(version.Nuspec).Select(t => (JsonNode)new JsonObject { ["name"] = t }).ToArray()),
                ["versions"] = new JsonArray(versionList),
                ["runtimes"] = Words(version.Runtimes),
                ["permissions"] = Words(version.Permissions),
                ["outputTypes"] = Words(version.OutputTypes),
                ["skillManifest"] = urls.Manifest(lowerId, version.NormalizedVersion),
            });
        }

        var facets = new JsonObject();
        foreach (var (name, counts) in results.Facets)
        {
            facets[name] = new JsonObject(counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        }

        return Results.Json(new JsonObject { ["totalHits"] = results.TotalHits, ["data"] = data, ["facets"] = facets });
    }

    public static async Task<IResult> AutocompleteAsync(HttpRequest request, PackageReader reader, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        var paging = ReadPaging(request, options.Value);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        if (request.Query.TryGetValue("id", out var idValues) && idValues.ToString() is { Length: > 0 } id)
        {
            if (await reader.FindPackageAsync(id, cancellationToken).ConfigureAwait(false) is not { } package)
            {
                return Results.Json(new JsonObject { ["totalHits"] = 0, ["data"] = new JsonArray() });
            }

            var versions = (await reader.GetVersionsAsync(package.Id, listedOnly: true, cancellationToken).ConfigureAwait(false))
                .Where(v => paging.Prerelease || !v.IsPrerelease)
                .Select(v => (JsonNode)v.Version)
                .ToArray();
            return Results.Json(new JsonObject { ["totalHits"] = versions.Length, ["data"] = new JsonArray(versions) });
        }

        var (total, ids) = await reader.AutocompleteIdsAsync(paging.Query, paging.Skip, paging.Take, paging.Prerelease, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject { ["totalHits"] = total, ["data"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) });
    }

    /// <summary>q, skip, take, prerelease and semVerLevel, checked; take above the maximum page is lowered to it.</summary>
    private static (string Query, int Skip, int Take, bool Prerelease, IResult? Problem) ReadPaging(HttpRequest request, RegistryOptions options)
    {
        var query = request.Query["q"].ToString();
        if (query.Length > options.MaxQueryLength)
        {
            return (query, 0, 0, false, ReadProblems.BadParameter("q", $"The query is {query.Length} characters long; the most this registry accepts is {options.MaxQueryLength} (setting {RegistryOptions.SectionName}:MaxQueryLength). Shorten it."));
        }

        var skip = 0;
        if (request.Query["skip"].ToString() is { Length: > 0 } skipText
            && (!int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > 1_000_000))
        {
            return (query, 0, 0, false, ReadProblems.BadParameter("skip", $"skip must be a whole number from 0 to 1000000; it is '{skipText}'."));
        }

        var take = DefaultTake;
        if (request.Query["take"].ToString() is { Length: > 0 } takeText
            && (!int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take)))
        {
            return (query, 0, 0, false, ReadProblems.BadParameter("take", $"take must be a whole number from 0 to {options.MaxPageSize}; it is '{takeText}'."));
        }

        var prerelease = false;
        if (request.Query["prerelease"].ToString() is { Length: > 0 } prereleaseText && !bool.TryParse(prereleaseText, out prerelease))
        {
            return (query, 0, 0, false, ReadProblems.BadParameter("prerelease", $"prerelease must be true or false; it is '{prereleaseText}'."));
        }

        // SemVer 2.0 versions are always included, so the level only has to be a version.
        if (request.Query["semVerLevel"].ToString() is { Length: > 0 } level && !NuGetVersion.TryParse(level, out _))
        {
            return (query, 0, 0, false, ReadProblems.BadParameter("semVerLevel", $"semVerLevel must be a version such as 2.0.0; it is '{level}'."));
        }

        return (query, skip, Math.Min(take, options.MaxPageSize), prerelease, null);
    }

    private static JsonArray Words(string values) =>
        new(values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Select(v => (JsonNode)v).ToArray());

    private static IEnumerable<string> PackageTypes(string nuspec)
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
