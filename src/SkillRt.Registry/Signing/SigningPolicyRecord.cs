using System;

namespace SkillRt.Registry.Signing;

/// <summary>
/// An owner's signing policy (<c>registry_signing_policies</c>); an owner without a row requires nothing.
/// </summary>
internal sealed class SigningPolicyRecord
{
    public Guid OwnerId { get; set; }

    /// <summary>Whether every publish of the owner's packages must carry a signature by one of its keys.</summary>
    public bool RequireSignatures { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid UpdatedByAccountId { get; set; }
}
