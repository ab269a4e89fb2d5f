using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Server.Identity;

/// <summary>
/// Who made a request with an API key, as modules see it: the account, the key's scopes and the
/// package ID patterns the key is limited to. <c>HttpContext.GetServerCaller()</c> returns it.
/// </summary>
public sealed class ServerCaller
{
    internal ServerCaller(Guid accountId, string accountName, bool isAdministrator, Guid keyId, IReadOnlySet<string> scopes, IReadOnlyList<string> packagePatterns, DateTime? keyExpiresAt = null)
    {
        KeyExpiresAt = keyExpiresAt;
        AccountId = accountId;
        AccountName = accountName;
        IsAdministrator = isAdministrator;
        KeyId = keyId;
        Scopes = scopes;
        PackagePatterns = packagePatterns;
    }

    /// <summary>The account the key belongs to.</summary>
    public Guid AccountId { get; }

    /// <summary>The account's name.</summary>
    public string AccountName { get; }

    /// <summary>Whether the account is an administrator.</summary>
    public bool IsAdministrator { get; }

    /// <summary>The key the request was made with.</summary>
    public Guid KeyId { get; }

    /// <summary>When the key expires (UTC), if it does: a key it creates may not outlive it.</summary>
    public DateTime? KeyExpiresAt { get; }

    /// <summary>The key's scopes.</summary>
    public IReadOnlySet<string> Scopes { get; }

    /// <summary>The package ID patterns the key may act on: exact IDs or prefixes ending in <c>*</c>; <c>*</c> for any.</summary>
    public IReadOnlyList<string> PackagePatterns { get; }

    /// <summary>Whether the key has <paramref name="scope"/>; an administrator's <c>admin</c> scope implies every scope.</summary>
    public bool HasScope(string scope) =>
        Scopes.Contains(scope) || (IsAdministrator && Scopes.Contains(ApiKeyScopes.Admin));

    /// <summary>Whether the key may act on the package <paramref name="packageId"/> (compared regardless of case).</summary>
    public bool MayActOn(string packageId) => PackagePatterns.Any(pattern => PackagePattern.Matches(pattern, packageId));
}
