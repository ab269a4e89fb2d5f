using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace SkillRt.Server.Identity;

/// <summary>
/// Resolves an API key to the caller it stands for, or says why it is refused (unknown, revoked,
/// expired, account suspended). The API authenticates by the key's hash on every request; a web
/// session holds only the key's ID and is checked the same way on every page, so revoking the key or
/// suspending the account ends the session too.
/// </summary>
internal static class ApiKeyLookup
{
    // Writing "last used" on every request would make each read a write; once a minute is enough to show it.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The key whose secret hashes to <paramref name="hash"/>.</summary>
    public static Task<ApiKeyLookupResult> BySecretHashAsync(IdentityDbContext database, byte[] hash, DateTime now, CancellationToken cancellationToken) =>
        FindAsync(database, key => key.SecretHash == hash, now, cancellationToken);

    /// <summary>The key with ID <paramref name="keyId"/>.</summary>
    public static Task<ApiKeyLookupResult> ByIdAsync(IdentityDbContext database, Guid keyId, DateTime now, CancellationToken cancellationToken) =>
        FindAsync(database, key => key.Id == keyId, now, cancellationToken);

    private static async Task<ApiKeyLookupResult> FindAsync(IdentityDbContext database, Expression<Func<ApiKey, bool>> which, DateTime now, CancellationToken cancellationToken)
    {
        var found = await (
            from key in database.ApiKeys.Where(which)
            join account in database.Accounts on key.AccountId equals account.Id
            select new { key.Id, key.Scopes, key.Packages, key.ExpiresAt, key.RevokedAt, key.LastUsedAt, account.Name, account.IsAdministrator, account.IsDisabled, account.DisabledReason, AccountId = account.Id })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        if (found is null)
        {
            return ApiKeyLookupResult.Refused("unknown", "The API key is not known to this server; check the key, or create one with 'skillrt keys create'.");
        }

        if (found.RevokedAt is not null)
        {
            return ApiKeyLookupResult.Refused("revoked", $"The API key was revoked on {found.RevokedAt:yyyy-MM-dd}; create a new one with 'skillrt keys create'.");
        }

        if (found.ExpiresAt is { } expires && expires <= now)
        {
            return ApiKeyLookupResult.Refused("expired", $"The API key expired on {expires:yyyy-MM-dd}; create a new one with 'skillrt keys create'.");
        }

        if (found.IsDisabled)
        {
            return ApiKeyLookupResult.Refused("disabled", found.DisabledReason is { Length: > 0 } reason
                ? $"The account '{found.Name}' is suspended: {reason}. Ask the server's administrator to review the suspension."
                : $"The account '{found.Name}' is disabled; ask the server's administrator.");
        }

        if (found.LastUsedAt is null || now - found.LastUsedAt.Value > LastUsedResolution)
        {
            await database.ApiKeys.Where(k => k.Id == found.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
        }

        var scopes = new HashSet<string>(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var packages = found.Packages.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ApiKeyLookupResult(new ServerCaller(found.AccountId, found.Name, found.IsAdministrator, found.Id, scopes, packages, found.ExpiresAt), null, null);
    }
}
