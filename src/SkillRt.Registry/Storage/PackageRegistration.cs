using System;

namespace SkillRt.Registry.Storage;

/// <summary>A package ID on this registry: who owns it and how often any of its versions was downloaded.</summary>
internal sealed class PackageRegistration
{
    public Guid Id { get; set; }

    /// <summary>The ID as its first version spelled it (<c>Contoso.PrReview</c>).</summary>
    public required string PackageId { get; set; }

    /// <summary>The ID in lowercase; unique, so two IDs that differ only by case cannot both exist.</summary>
    public required string NormalizedId { get; set; }

    /// <summary>The owner (identity module) whose members may publish and unlist versions.</summary>
    public Guid OwnerId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Downloads of every version, counted with an atomic increment (never read, add, write).</summary>
    public long TotalDownloads { get; set; }
}
