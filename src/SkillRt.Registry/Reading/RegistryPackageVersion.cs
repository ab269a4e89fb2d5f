using System;

namespace SkillRt.Registry.Reading;

/// <summary>One published version, as <see cref="IRegistryPackages.ListVersionsAsync"/> lists it.</summary>
/// <param name="PackageId">The package ID as it was first published.</param>
/// <param name="Version">The normalized version.</param>
/// <param name="IsListed">False when the version is unlisted (hidden from search and "latest", still readable by exact version).</param>
/// <param name="PackageSha256">The SHA-256 (hex) of the .nupkg: changes only if the version is deleted and a new one published.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
public sealed record RegistryPackageVersion(string PackageId, string Version, bool IsListed, string PackageSha256, DateTimeOffset PublishedAt)
{
    /// <summary>True when the owners yanked the version: a range must not resolve to it; an exact version may still name it.</summary>
    public bool IsYanked { get; init; }
}
