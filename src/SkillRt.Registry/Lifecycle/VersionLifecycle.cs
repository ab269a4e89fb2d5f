using System;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// What the owners said about a published version after publishing it (<c>registry_version_lifecycle</c>,
/// one row per version that was ever deprecated or yanked, removed with the version): the deprecation
/// NuGet clients show, and whether it is yanked. Unlisting stays on the version itself (<c>IsListed</c>).
/// </summary>
internal sealed class VersionLifecycle
{
    /// <summary>The version (<c>registry_versions.Id</c>) this is about.</summary>
    public Guid VersionId { get; set; }

    /// <summary>Whether the version is yanked: ranges skip it, an exact version still installs it.</summary>
    public bool IsYanked { get; set; }

    public DateTime? YankedAt { get; set; }

    /// <summary>The deprecation's reasons in NuGet's spelling, space-separated (<c>Legacy CriticalBugs</c>); null when not deprecated.</summary>
    public string? DeprecationReasons { get; set; }

    public string? DeprecationMessage { get; set; }

    /// <summary>The package to use instead, if the owners named one.</summary>
    public string? AlternatePackageId { get; set; }

    /// <summary>The alternative's version range, NuGet-normalized; null for any version (<c>*</c>).</summary>
    public string? AlternatePackageRange { get; set; }

    public DateTime? DeprecatedAt { get; set; }

    /// <summary>Whether the version is deprecated.</summary>
    public bool IsDeprecated => DeprecationReasons is not null;
}
