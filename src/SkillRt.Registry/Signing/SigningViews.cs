using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Signing;

/// <summary>A registered key as the API shows it.</summary>
/// <param name="KeyId">The minisign key id (16 hex digits), as signatures name it.</param>
/// <param name="PublicKey">The public key's base64 line, what <c>minisign -P</c> takes.</param>
/// <param name="Name">The owner's label for the key.</param>
/// <param name="AddedAt">When it was registered.</param>
/// <param name="RevokedAt">When it was revoked; null while it is active.</param>
/// <param name="Active">Whether signatures by it are accepted.</param>
internal sealed record SigningKeyView(string KeyId, string PublicKey, string? Name, DateTimeOffset AddedAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static SigningKeyView From(SigningKeyRecord key) => new(
        key.KeyId,
        key.PublicKey,
        key.Name,
        new DateTimeOffset(DateTime.SpecifyKind(key.AddedAt, DateTimeKind.Utc)),
        key.RevokedAt is { } revoked ? new DateTimeOffset(DateTime.SpecifyKind(revoked, DateTimeKind.Utc)) : null,
        key.RevokedAt is null);
}

/// <summary>An owner's keys and policy (<c>GET api/v2/owners/{owner}/signing-keys</c>).</summary>
internal sealed record OwnerSigningView(string Owner, bool RequireSignatures, IReadOnlyList<SigningKeyView> Keys);

/// <summary>The keys that may sign a package: its owner's (<c>GET api/v2/packages/{id}/signing-keys</c>).</summary>
internal sealed record PackageSigningView(string PackageId, string Owner, bool RequireSignatures, IReadOnlyList<SigningKeyView> Keys);

/// <summary>Whether a version is signed, and by which key (<c>GET api/v2/packages/{id}/{version}/signature</c>).</summary>
internal sealed record VersionSignatureView(string PackageId, string Version, bool Signed, string? KeyId, DateTimeOffset? SignedAt, string? SignatureUrl);

/// <summary>The body of <c>POST api/v2/owners/{owner}/signing-keys</c>.</summary>
/// <param name="PublicKey">The minisign public key file's text, or its base64 line alone.</param>
/// <param name="Name">An optional label.</param>
internal sealed record AddSigningKeyRequest(string? PublicKey, string? Name);

/// <summary>The body of <c>PUT api/v2/owners/{owner}/signing-policy</c>.</summary>
internal sealed record SigningPolicyRequest(bool? RequireSignatures);
