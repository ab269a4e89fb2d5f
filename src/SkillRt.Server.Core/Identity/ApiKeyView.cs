using System;
using System.Collections.Generic;

namespace SkillRt.Server.Identity;

/// <summary>A key as the API lists it: never the secret, only its first characters.</summary>
internal sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Hint,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Packages,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt)
{
    public static ApiKeyView From(ApiKey key) => new(
        key.Id,
        key.Name,
        key.Hint,
        key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        key.Packages.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        key.CreatedAt,
        key.ExpiresAt,
        key.RevokedAt,
        key.LastUsedAt);
}
