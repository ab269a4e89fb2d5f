using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NuGet.Versioning;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Reading;

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
        PackageSummaries summaries,
        IOptions<RegistryOptions> options,
        CancellationToken cancellationToken)
    {
        var paging = ReadPaging(request, options.Value);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        var (query, skip, take, prerelease, _) = paging;
        var page = await summaries.SearchAsync(new SearchRequest(SearchQuery.Parse(query), skip, take, prerelease), cancellationToken).ConfigureAwait(false);

        var data = new JsonArray();
        foreach (var package in page.Packages)
        {
            var lowerId = package.NormalizedId;
            var registration = urls.RegistrationIndex(lowerId);
            data.Add(new JsonObject
            {
                ["@id"] = registration,
                ["@type"] = "Package",
                ["registration"] = registration,
                ["id"] = package.PackageId,
                ["version"] = package.Version,
                ["description"] = package.Description,
                ["summary"] = string.Empty,
                ["title"] = package.Title,
                ["projectUrl"] = package.ProjectUrl ?? string.Empty,
                ["licenseUrl"] = string.Empty,
                ["iconUrl"] = string.Empty,
                ["tags"] = Strings(package.Tags),
                ["authors"] = Strings(package.Authors),
                ["owners"] = Strings(package.Owners),
                ["totalDownloads"] = package.TotalDownloads,
                ["verified"] = package.Verified,
                ["deprecated"] = package.Deprecated,
                ["packageTypes"] = new JsonArray(package.PackageTypes.Select(t => (JsonNode)new JsonObject { ["name"] = t }).ToArray()),
                ["versions"] = new JsonArray(package.Versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v.Version,
                    ["downloads"] = v.Downloads,
                    ["@id"] = urls.RegistrationLeaf(lowerId, v.NormalizedVersion),
                }).ToArray()),
                ["runtimes"] = Strings(package.Runtimes),
                ["permissions"] = Strings(package.Permissions),
                ["outputTypes"] = Strings(package.OutputTypes),
                ["typedOutput"] = package.Typed,
                ["skillManifest"] = urls.Manifest(lowerId, package.NormalizedVersion),
            });
        }

        var facets = new JsonObject();
        foreach (var (name, counts) in page.Facets)
        {
            facets[name] = new JsonObject(counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        }

        return Results.Json(new JsonObject { ["totalHits"] = page.TotalHits, ["data"] = data, ["facets"] = facets });
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

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
