using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Tests;

/// <summary>
/// A version to add to the catalog, its facts already read from the package: the nuspec's metadata
/// and, aggregated over the package's skills, the facts search filters on (lowercase values).
/// </summary>
internal sealed record CatalogVersion
{
    public required string PackageId { get; init; }

    /// <summary>The version as published (build metadata kept).</summary>
    public required string Version { get; init; }

    public required Guid OwnerId { get; init; }

    public required string Nuspec { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The nuspec's authors, comma-separated.</summary>
    public string? Authors { get; init; }

    /// <summary>The nuspec's tags, space-separated.</summary>
    public string? Tags { get; init; }

    public string? ProjectUrl { get; init; }

    public string? LicenseExpression { get; init; }

    /// <summary>As <see cref="StoredDependencyGroup.Serialize"/> writes it.</summary>
    public string DependencyGroupsJson { get; init; } = "[]";

    public string ManifestJson { get; init; } = "{}";

    public IReadOnlyList<string> SkillNames { get; init; } = [];

    public IReadOnlyList<string> Runtimes { get; init; } = [];

    public IReadOnlyList<string> Permissions { get; init; } = [];

    public IReadOnlyList<string> OutputTypes { get; init; } = [];

    /// <summary>Input types and input names.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Output names (fields of the output schema), searchable as text.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];

    public bool Listed { get; init; } = true;

    public DateTime? PublishedAt { get; init; }
}
