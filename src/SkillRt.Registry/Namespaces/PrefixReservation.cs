using System;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// A reserved package ID prefix (<c>Contoso.</c>): only the owner's members may publish new IDs that
/// start with it (or the bare name, <c>Contoso</c>). Packages that existed before the reservation keep
/// their owners. When prefixes overlap, the longest that matches an ID decides.
/// </summary>
internal sealed class PrefixReservation
{
    public Guid Id { get; set; }

    /// <summary>The prefix as it was reserved, ending in '.' (<c>Contoso.</c>).</summary>
    public required string Prefix { get; set; }

    /// <summary>The prefix in lowercase; unique, so one prefix has one owner.</summary>
    public required string NormalizedPrefix { get; set; }

    /// <summary>The owner (identity module) whose members may publish new IDs under the prefix.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The account that reserved it (an administrator, or a member who verified a domain).</summary>
    public Guid ReservedByAccountId { get; set; }

    public DateTime ReservedAt { get; set; }

    /// <summary>The domain whose DNS TXT record proved the owner holds the name (<c>contoso.com</c>), once verified.</summary>
    public string? VerifiedDomain { get; set; }

    /// <summary>When the domain was verified; null for a reservation an administrator made without one.</summary>
    public DateTime? VerifiedAt { get; set; }
}
