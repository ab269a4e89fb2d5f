using System;

namespace SkillRt.Server.Identity;

/// <summary>An account's membership of an owner: one row for its personal owner, one per organisation.</summary>
internal sealed class OwnerMember
{
    public Guid OwnerId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>Whether the member may add and remove other members.</summary>
    public bool IsAdministrator { get; set; }
}
