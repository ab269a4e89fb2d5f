using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Ownership;

/// <summary>
/// A package's owners (primary first), the invitations its owners may see, and whether its ID is in a
/// prefix verified for one of its owners.
/// </summary>
internal sealed record PackageOwnersView(string Id, IReadOnlyList<PackageOwnerView> Owners, IReadOnlyList<InvitationView> Invitations, bool Verified, string? Prefix);

/// <summary>One owner of a package; the primary owner is the one a transfer moves and cannot be removed.</summary>
internal sealed record PackageOwnerView(string Name, string Kind, bool Primary);

/// <summary>A pending invitation: <c>coOwner</c> adds the owner, <c>transfer</c> makes it the primary owner and removes <see cref="From"/>.</summary>
internal sealed record InvitationView(string PackageId, string Owner, string Kind, string From, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>The body of <c>POST api/v2/packages/{id}/owners</c> and <c>…/transfer</c>: the owner invited.</summary>
internal sealed record OwnerRequest(string? Owner);
