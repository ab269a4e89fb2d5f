using System;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// An author's appeal against a version's quarantine (<c>registry_appeals</c>): the text, who wrote it
/// and how an administrator decided. At most one appeal per version is open at a time.
/// </summary>
internal sealed class QuarantineAppeal
{
    /// <summary>The longest appeal text, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The longest note an administrator leaves when deciding, in characters.</summary>
    public const int MaxNoteLength = 1000;

    public Guid Id { get; set; }

    public Guid VersionId { get; set; }

    public Guid AccountId { get; set; }

    public required string AccountName { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary><see cref="ModerationStates.Open"/>, <see cref="ModerationStates.Granted"/> or <see cref="ModerationStates.Denied"/>.</summary>
    public required string State { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? ResolutionNote { get; set; }
}
