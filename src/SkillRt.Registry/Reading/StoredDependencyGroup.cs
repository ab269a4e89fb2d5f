using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NuGet.Packaging;

namespace SkillRt.Registry.Reading;

/// <summary>
/// A nuspec dependency group as <see cref="Storage.PackageVersionRecord.DependencyGroupsJson"/> keeps
/// it (a JSON array of these): the target framework's short folder name (null or empty for "any") and each
/// dependency's ID and version range in NuGet's normalized form. Registration pages show them.
/// </summary>
internal sealed record StoredDependencyGroup(string? TargetFramework, IReadOnlyList<StoredDependency>? Dependencies)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON to store for a nuspec's groups (<c>NuspecReader.GetDependencyGroups()</c>).</summary>
    public static string Serialize(IEnumerable<PackageDependencyGroup> groups) => JsonSerializer.Serialize(
        groups.Select(g => new StoredDependencyGroup(
            g.TargetFramework.IsAny ? null : g.TargetFramework.GetShortFolderName(),
            g.Packages.Select(p => new StoredDependency(p.Id, p.VersionRange.ToNormalizedString())).ToList())).ToList(),
        Json);

    /// <summary>The stored groups; none when the column is empty or not this shape.</summary>
    public static IReadOnlyList<StoredDependencyGroup> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<StoredDependencyGroup>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
