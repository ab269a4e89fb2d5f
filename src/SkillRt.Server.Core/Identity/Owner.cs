using System;

namespace SkillRt.Server.Identity;

/// <summary>What owns published things (packages, memory namespaces): a user or an organisation.</summary>
internal sealed class Owner
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public OwnerKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }
}
