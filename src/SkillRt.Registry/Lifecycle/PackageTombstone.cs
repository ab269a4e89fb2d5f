using System;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// A deleted version (<c>registry_tombstones</c>): its ID and version can never be published again, as on
/// nuget.org and crates.io, so nobody who installed the old bytes under that name gets different ones.
/// </summary>
internal sealed class PackageTombstone
{
    /// <summary>The package ID in lowercase.</summary>
    public required string NormalizedId { get; set; }

    /// <summary>The normalized version in lowercase.</summary>
    public required string NormalizedVersion { get; set; }

    /// <summary>The ID and version as they were published, for messages.</summary>
    public required string PackageId { get; set; }

    public required string Version { get; set; }

    /// <summary>The SHA-256 of the deleted package, for an administrator asked about it later.</summary>
    public required string PackageSha256 { get; set; }

    public DateTime PublishedAt { get; set; }

    public DateTime DeletedAt { get; set; }

    public Guid DeletedByAccountId { get; set; }
}
