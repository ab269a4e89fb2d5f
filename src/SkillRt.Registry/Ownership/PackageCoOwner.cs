using System;

namespace SkillRt.Registry.Ownership;

/// <summary>
/// An owner of a package besides its primary owner (<c>PackageRegistration.OwnerId</c>): its members
/// publish and unlist versions as the primary owner's do. Added only when the owner accepted an invitation.
/// </summary>
internal sealed class PackageCoOwner
{
    public Guid RegistrationId { get; set; }

    public Guid OwnerId { get; set; }

    public DateTime AddedAt { get; set; }
}
