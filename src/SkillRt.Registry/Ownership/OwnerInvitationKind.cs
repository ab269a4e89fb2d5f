namespace SkillRt.Registry.Ownership;

/// <summary>What accepting an <see cref="OwnerInvitation"/> does.</summary>
internal enum OwnerInvitationKind
{
    /// <summary>The invited owner becomes a co-owner.</summary>
    CoOwner,

    /// <summary>The invited owner becomes the primary owner and the proposing owner is removed.</summary>
    Transfer,
}
