using System;

namespace SkillRt.Registry.Storage;

/// <summary>
/// One published version: the nuspec's metadata, the blob that holds the .nupkg, and the skill facts
/// search filters on (aggregated over the package's skills, space-separated, lowercase).
/// </summary>
internal sealed class PackageVersionRecord
{
    public Guid Id { get; set; }

    public Guid RegistrationId { get; set; }

    /// <summary>The normalized version (NuGet's <c>ToNormalizedString</c>, SemVer 2.0 without build metadata).</summary>
    public required string Version { get; set; }

    /// <summary>The normalized version in lowercase; unique per package.</summary>
    public required string NormalizedVersion { get; set; }

    /// <summary>The full version as published, build metadata included.</summary>
    public required string FullVersion { get; set; }

    public bool IsPrerelease { get; set; }

    public bool IsListed { get; set; } = true;

    /// <summary>Held for review because the scanner found something High or above; hidden from every read (Moderation/).</summary>
    public bool IsQuarantined { get; set; }

    public DateTime PublishedAt { get; set; }

    /// <summary>The SHA-256 (hex) of the .nupkg: its blob key.</summary>
    public required string PackageSha256 { get; set; }

    public long PackageSize { get; set; }

    public long Downloads { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Authors { get; set; }

    /// <summary>The nuspec's tags, space-separated.</summary>
    public string? Tags { get; set; }

    public string? ProjectUrl { get; set; }

    public string? LicenseExpression { get; set; }

    /// <summary>The nuspec's dependency groups as JSON (registration leaves show them).</summary>
    public required string DependencyGroupsJson { get; set; }

    /// <summary>The typed manifest of every skill in the package as JSON (<c>GET …/manifest.json</c>).</summary>
    public required string ManifestJson { get; set; }

    /// <summary>The nuspec as published, served at the flat container's <c>{id}.nuspec</c>.</summary>
    public required string Nuspec { get; set; }

    /// <summary>Everything full-text search reads: ID, title, description, tags, skill names, input and output names.</summary>
    public required string SearchText { get; set; }

    /// <summary>Runtime types of the skills (<c>model process mcp-tool</c>).</summary>
    public required string Runtimes { get; set; }

    /// <summary>Permission kinds the skills ask for (<c>network filesystem env</c>).</summary>
    public required string Permissions { get; set; }

    /// <summary>Output types of the skills (<c>text json file</c>).</summary>
    public required string OutputTypes { get; set; }

    /// <summary>Input types and names of the skills (<c>url string pr_url</c>).</summary>
    public required string Inputs { get; set; }
}
