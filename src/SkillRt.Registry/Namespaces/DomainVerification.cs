using System;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// An owner's pending claim of a prefix through a domain: the server issued <see cref="Token"/>, and
/// the claim succeeds once <c>_skillrt.{Domain}</c> has the TXT record <c>skillrt-verification={Token}</c>.
/// </summary>
internal sealed class DomainVerification
{
    public Guid Id { get; set; }

    /// <summary>The owner that claims the prefix.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The prefix as requested (<c>Contoso.</c>).</summary>
    public required string Prefix { get; set; }

    public required string NormalizedPrefix { get; set; }

    /// <summary>The domain in lowercase, without a trailing dot (<c>contoso.com</c>).</summary>
    public required string Domain { get; set; }

    /// <summary>The random value the TXT record must carry; public once published, so not a secret.</summary>
    public required string Token { get; set; }

    public Guid RequestedByAccountId { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>After this the token is no longer accepted; a new request issues a new one.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the record was found and the prefix reserved; null while pending.</summary>
    public DateTime? VerifiedAt { get; set; }
}
