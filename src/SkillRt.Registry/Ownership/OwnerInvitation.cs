using System;

namespace SkillRt.Registry.Ownership;

/// <summary>
/// A pending offer to an owner: to become a co-owner of a package, or to take it over (a transfer,
/// after which the proposing owner is removed). Nothing changes until a member of the invited owner accepts.
/// </summary>
internal sealed class OwnerInvitation
{
    public Guid Id { get; set; }

    public Guid RegistrationId { get; set; }

    /// <summary>The invited owner.</summary>
    public Guid OwnerId { get; set; }

    public OwnerInvitationKind Kind { get; set; }

    /// <summary>For a transfer, the primary owner when it was proposed: accepting fails if that has changed since.</summary>
    public Guid FromOwnerId { get; set; }

    public Guid InvitedByAccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
