using System;

namespace SkillRt.Server.Identity;

/// <summary>
/// An API key as stored: never the secret, only its SHA-256 (a key is 256 random bits, so a fast hash
/// is as safe as a slow one and lets a request be checked with one indexed lookup).
/// </summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>What the key is for, as its creator named it.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole key string.</summary>
    public required byte[] SecretHash { get; set; }

    /// <summary>The key's first characters, which lists show so a user can tell keys apart.</summary>
    public required string Hint { get; set; }

    /// <summary>The scopes, space-separated (see <see cref="ApiKeyScopes"/>).</summary>
    public required string Scopes { get; set; }

    /// <summary>The package ID patterns the key may act on, space-separated; <c>*</c> for any.</summary>
    public required string Packages { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
