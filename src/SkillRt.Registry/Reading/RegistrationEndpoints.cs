using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using NuGet.Versioning;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Reading;

/// <summary>
/// RegistrationsBaseUrl/3.6.0 (SemVer 2.0 versions included, plain JSON): a package's index with every
/// page inlined, and one leaf per version. <c>PackageMetadataResource</c> and the IDE read these.
/// </summary>
internal static class RegistrationEndpoints
{
    /// <summary>Versions per page; every page is inlined, so clients never fetch a page separately.</summary>
    public const int PageSize = 64;

    // nuget.org's sign that a version is unlisted, kept because old clients read it.
    private static readonly DateTimeOffset UnlistedPublished = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<IResult> IndexAsync(string id, RegistryUrls urls, PackageReader reader, CancellationToken cancellationToken)
    {
        if (await reader.FindPackageAsync(id, cancellationToken).ConfigureAwait(false) is not { } package)
        {
            return ReadProblems.PackageNotFound(id);
        }

        var versions = await reader.GetVersionsAsync(package.Id, listedOnly: false, cancellationToken).ConfigureAwait(false);
        var lifecycle = await reader.GetLifecycleAsync(versions.Select(v => v.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var indexUrl = urls.RegistrationIndex(package.NormalizedId);
        var pages = new JsonArray();
        foreach (var chunk in versions.Chunk(PageSize))
        {
            var lower = chunk[0].NormalizedVersion;
            var upper = chunk[^1].NormalizedVersion;
            pages.Add(new JsonObject
            {
                ["@id"] = $"{indexUrl}#page/{lower}/{upper}",
                ["@type"] = "catalog:CatalogPage",
                ["commitTimeStamp"] = Timestamp(chunk.Max(v => v.PublishedAt)),
                ["count"] = chunk.Length,
                ["items"] = new JsonArray(chunk.Select(v => (JsonNode)Leaf(package, v, lifecycle.GetValueOrDefault(v.Id), urls)).ToArray()),
                ["parent"] = indexUrl,
                ["lower"] = lower,
                ["upper"] = upper,
            });
        }

        return Results.Json(new JsonObject
        {
            ["@id"] = indexUrl,
            ["@type"] = new JsonArray("catalog:CatalogRoot", "PackageRegistration", "catalog:Permalink"),
            ["count"] = pages.Count,
            ["items"] = pages,
        });
    }

    /// <summary><c>{id}/{version}.json</c>: one version's leaf.</summary>
    public static async Task<IResult> LeafAsync(string id, string version, RegistryUrls urls, PackageReader reader, CancellationToken cancellationToken)
    {
        if (await reader.FindVersionAsync(id, version, cancellationToken).ConfigureAwait(false) is not var (package, record))
        {
            return ReadProblems.VersionNotFound(id, version);
        }

        var lowerId = package.NormalizedId;
        var lifecycle = await reader.GetLifecycleAsync([record.Id], cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject
        {
            ["@id"] = urls.RegistrationLeaf(lowerId, record.NormalizedVersion),
            ["@type"] = new JsonArray("Package", "http://schema.nuget.org/catalog#Permalink"),
            ["catalogEntry"] = urls.RegistrationLeaf(lowerId, record.NormalizedVersion) + "#catalogEntry",
            ["listed"] = record.IsListed,
            ["packageContent"] = urls.PackageContent(lowerId, record.NormalizedVersion),
            ["published"] = Published(record),
            ["registration"] = urls.RegistrationIndex(lowerId),
            [LifecycleJson.YankedProperty] = lifecycle.GetValueOrDefault(record.Id)?.IsYanked ?? false,
        });
    }

    private static JsonObject Leaf(PackageRegistration package, PackageVersionRecord version, VersionLifecycle? lifecycle, RegistryUrls urls)
    {
        var lowerId = package.NormalizedId;
        var leafUrl = urls.RegistrationLeaf(lowerId, version.NormalizedVersion);
        return new JsonObject
        {
            ["@id"] = leafUrl,
            ["@type"] = "Package",
            ["commitTimeStamp"] = Timestamp(version.PublishedAt),
            ["catalogEntry"] = CatalogEntry(package, version, lifecycle, urls),
            ["packageContent"] = urls.PackageContent(lowerId, version.NormalizedVersion),
            ["registration"] = urls.RegistrationIndex(lowerId),
        };
    }

    private static JsonObject CatalogEntry(PackageRegistration package, PackageVersionRecord version, VersionLifecycle? lifecycle, RegistryUrls urls)
    {
        var lowerId = package.NormalizedId;
        var leafUrl = urls.RegistrationLeaf(lowerId, version.NormalizedVersion);
        var groups = new JsonArray();
        foreach (var (group, index) in StoredDependencyGroup.Parse(version.DependencyGroupsJson).Select((g, i) => (g, i)))
        {
            var framework = group.TargetFramework ?? string.Empty;
            var groupUrl = $"{leafUrl}#dependencygroup/{(framework.Length == 0 ? index.ToString(CultureInfo.InvariantCulture) : framework.ToLowerInvariant())}";
            var dependencies = new JsonArray();
            foreach (var dependency in group.Dependencies ?? [])
            {
                dependencies.Add(new JsonObject
                {
                    ["@id"] = $"{groupUrl}/{dependency.Id.ToLowerInvariant()}",
                    ["@type"] = "PackageDependency",
                    ["id"] = dependency.Id,
                    ["range"] = dependency.Range,
                    ["registration"] = urls.RegistrationIndex(dependency.Id.ToLowerInvariant()),
                });
            }

            var node = new JsonObject { ["@id"] = groupUrl, ["@type"] = "PackageDependencyGroup", ["dependencies"] = dependencies };
            if (framework.Length > 0)
            {
                node["targetFramework"] = framework;
            }

            groups.Add(node);
        }

        var entry = new JsonObject
        {
            ["@id"] = leafUrl + "#catalogEntry",
            ["@type"] = "PackageDetails",
            ["id"] = package.PackageId,
            ["version"] = FullVersion(version),
            ["authors"] = version.Authors ?? string.Empty,
            ["description"] = version.Description ?? string.Empty,
            ["title"] = version.Title ?? string.Empty,
            ["summary"] = string.Empty,
            ["tags"] = new JsonArray(SplitTags(version.Tags).Select(t => (JsonNode)t).ToArray()),
            ["listed"] = version.IsListed,
            ["published"] = Published(version),
            ["projectUrl"] = version.ProjectUrl ?? string.Empty,
            ["licenseExpression"] = version.LicenseExpression ?? string.Empty,
            ["licenseUrl"] = string.Empty,
            ["iconUrl"] = string.Empty,
            ["language"] = string.Empty,
            ["minClientVersion"] = string.Empty,
            ["requireLicenseAcceptance"] = false,
            ["packageContent"] = urls.PackageContent(lowerId, version.NormalizedVersion),
            ["dependencyGroups"] = groups,
            ["skillManifest"] = urls.Manifest(lowerId, version.NormalizedVersion),
        };
        LifecycleJson.AddTo(entry, leafUrl, lifecycle);
        return entry;
    }

    /// <summary>The version as published, normalized, build metadata included (SemVer 2.0 clients expect it).</summary>
    public static string FullVersion(PackageVersionRecord version) =>
        NuGetVersion.TryParse(version.FullVersion, out var parsed) ? parsed.ToFullString() : version.Version;

    public static IReadOnlyList<string> SplitTags(string? tags) =>
        (tags ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Published(PackageVersionRecord version) =>
        version.IsListed ? Timestamp(version.PublishedAt) : UnlistedPublished.ToString("O", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture);
}
