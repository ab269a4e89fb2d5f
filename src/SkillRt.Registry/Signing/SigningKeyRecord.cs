using System;

namespace SkillRt.Registry.Signing;

/// <summary>
/// A minisign public key an owner registered (<c>registry_signing_keys</c>): publishes of the owner's
/// packages may be signed with it while it is not revoked. Rows are never deleted, so a revoked key id
/// stays known and cannot be registered again.
/// </summary>
internal sealed class SigningKeyRecord
{
    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The minisign key id, 16 upper-case hex digits.</summary>
    public required string KeyId { get; set; }

    /// <summary>The minisign public key's base64 line ("RW…").</summary>
    public required string PublicKey { get; set; }

    /// <summary>A label the owner chose ("release laptop", "CI").</summary>
    public string? Name { get; set; }

    public DateTime AddedAt { get; set; }

    public Guid AddedByAccountId { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid? RevokedByAccountId { get; set; }
}
