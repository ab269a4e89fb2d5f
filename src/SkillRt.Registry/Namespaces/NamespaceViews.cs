using System;

namespace SkillRt.Registry.Namespaces;

/// <summary>A reserved prefix as the API shows it; <c>verified</c> when a domain's TXT record proved the owner holds the name.</summary>
internal sealed record NamespaceView(string Prefix, string Owner, string OwnerKind, bool Verified, string? Domain, DateTime ReservedAt, DateTime? VerifiedAt);

/// <summary>A domain verification: the TXT record to publish and until when the token is accepted.</summary>
internal sealed record VerificationView(Guid Id, string Prefix, string Owner, string Domain, string RecordName, string RecordType, string RecordValue, DateTime ExpiresAt, DateTime? VerifiedAt);

/// <summary>The body of <c>POST api/v2/namespaces</c> and <c>POST api/v2/namespaces/verifications</c>.</summary>
internal sealed record NamespaceRequest(string? Prefix, string? Owner, string? Domain);
