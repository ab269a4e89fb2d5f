using System;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// A report that a package, or one version of it, is abusive (<c>registry_abuse_reports</c>). IDs and
/// versions are kept as text, not as references, so a report outlives the version it led to remove.
/// </summary>
internal sealed class AbuseReport
{
    /// <summary>The longest report text, in characters.</summary>
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }

    /// <summary>The package ID as the registry spells it.</summary>
    public required string PackageId { get; set; }

    /// <summary>The package ID in lowercase.</summary>
    public required string NormalizedId { get; set; }

    /// <summary>The normalized version reported, or null for the package as a whole.</summary>
    public string? Version { get; set; }

    /// <summary>One of <see cref="AbuseCategories.All"/>.</summary>
    public required string Category { get; set; }

    public required string Text { get; set; }

    public Guid ReporterAccountId { get; set; }

    public required string ReporterName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary><see cref="ModerationStates.Open"/>, <see cref="ModerationStates.Dismissed"/> or <see cref="ModerationStates.Actioned"/>.</summary>
    public required string State { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? ResolutionNote { get; set; }
}
