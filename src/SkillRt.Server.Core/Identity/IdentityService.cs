using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace SkillRt.Server.Identity;

/// <summary>Accounts, organisations and keys: what the identity endpoints and the start-up bootstrap do.</summary>
internal sealed class IdentityService(IdentityDbContext database, ApiKeyScopeCatalog scopes, TimeProvider time) : IOwnerDirectory
{
    public const int DefaultExpiryDays = 365;
    public const int MaxExpiryDays = 3650;

    // 30 patterns of 128 characters fit the key's 4,000-character column with room to spare.
    public const int MaxPackagePatterns = 30;

    public Task<bool> AnyAccountAsync(CancellationToken cancellationToken) => database.Accounts.AnyAsync(cancellationToken);

    /// <summary>Creates an account, its personal owner and, when asked, its first key with <paramref name="keyScopes"/>.</summary>
    public async Task<(CreatedApiKey? Key, IdentityError? Error)> CreateAccountAsync(string name, bool administrator, IReadOnlyList<string> keyScopes, CancellationToken cancellationToken)
    {
        if (IdentityNames.Problem(name) is { } problem)
        {
            return (null, new IdentityError(StatusCodes.Status400BadRequest, "Invalid account name", $"name: {problem}."));
        }

        var normalized = IdentityNames.Normalize(name);
        if (await database.Owners.AnyAsync(o => o.NormalizedName == normalized, cancellationToken).ConfigureAwait(false))
        {
            return (null, Taken(name));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account { Id = Guid.NewGuid(), Name = name, NormalizedName = normalized, IsAdministrator = administrator, CreatedAt = now };
        var owner = new Owner { Id = Guid.NewGuid(), Name = name, NormalizedName = normalized, Kind = OwnerKind.User, CreatedAt = now };
        database.Accounts.Add(account);
        database.Owners.Add(owner);
        database.OwnerMembers.Add(new OwnerMember { OwnerId = owner.Id, AccountId = account.Id, IsAdministrator = true });
        var (key, _) = NewKey(account.Id, "first key", keyScopes, ["*"], DefaultExpiryDays, now);
        database.ApiKeys.Add(key.Entity);
        try
        {
            await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            database.ChangeTracker.Clear();
            if (await database.Owners.AsNoTracking().AnyAsync(o => o.NormalizedName == normalized, cancellationToken).ConfigureAwait(false))
            {
                // Another request (or replica) created the name between the check and the insert.
                return (null, Taken(name));
            }

            throw;
        }

        return (new CreatedApiKey(ApiKeyView.From(key.Entity), key.Secret), null);
    }

    public async Task<(CreatedApiKey? Key, IdentityError? Error)> CreateKeyAsync(ServerCaller caller, ApiKeyRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return (null, BadRequest("name: give the key a name of 1–200 characters that says what it is for (for example 'ci publish')."));
        }

        var requestedScopes = request.Scopes is { Count: > 0 } given
            ? given.Distinct(StringComparer.Ordinal).ToArray()
            : scopes.Default.Where(caller.HasScope).ToArray();
        if (requestedScopes.Length == 0)
        {
            return (null, BadRequest($"scopes: name at least one of {string.Join(", ", scopes.All.Select(s => s.Name))}."));
        }

        foreach (var scope in requestedScopes)
        {
            if (!scopes.IsKnown(scope))
            {
                return (null, BadRequest($"scopes: '{scope}' is not a scope of this server; use one of {string.Join(", ", scopes.All.Select(s => s.Name))}."));
            }

            // A key can hand on what it has, never more: a publish key cannot mint an admin key.
            if (!caller.HasScope(scope))
            {
                return (null, new IdentityError(StatusCodes.Status403Forbidden, "Scope not held", $"scopes: the key making this request does not have '{scope}', so it cannot give it to a new key."));
            }
        }

        var packages = request.Packages is { Count: > 0 } patterns ? patterns.Distinct(StringComparer.OrdinalIgnoreCase).ToArray() : ["*"];
        if (packages.Length > MaxPackagePatterns)
        {
            return (null, BadRequest($"packages: {packages.Length} patterns; a key takes at most {MaxPackagePatterns} (use a prefix such as 'Contoso.*' for many IDs)."));
        }

        foreach (var pattern in packages)
        {
            if (PackagePattern.Problem(pattern) is { } problem)
            {
                return (null, BadRequest($"packages: {problem}."));
            }

            // Nor may it widen its package patterns.
            if (!caller.PackagePatterns.Any(held => Covers(held, pattern)))
            {
                return (null, new IdentityError(StatusCodes.Status403Forbidden, "Package pattern not held", $"packages: the key making this request is limited to {string.Join(", ", caller.PackagePatterns)}, which does not cover '{pattern}'."));
            }
        }

        var days = request.ExpiresInDays ?? DefaultExpiryDays;
        if (days is < 1 or > MaxExpiryDays)
        {
            return (null, BadRequest($"expiresInDays: {days} is outside 1–{MaxExpiryDays}."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (key, _) = NewKey(caller.AccountId, name, requestedScopes, packages, days, now);
        // Nor may it outlive its creator: a short-lived key must not become a long-lived one.
        if (caller.KeyExpiresAt is { } callerExpires && key.Entity.ExpiresAt > callerExpires)
        {
            if (request.ExpiresInDays is not null)
            {
                return (null, new IdentityError(StatusCodes.Status403Forbidden, "Expiry beyond the key's own", $"expiresInDays: the key making this request expires on {callerExpires:yyyy-MM-dd}, so a key it creates cannot expire later; ask for at most {Math.Max(1, (int)(callerExpires - now).TotalDays)} days."));
            }

            key.Entity.ExpiresAt = callerExpires;
        }

        database.ApiKeys.Add(key.Entity);
        await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (new CreatedApiKey(ApiKeyView.From(key.Entity), key.Secret), null);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListKeysAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var keys = await database.ApiKeys.AsNoTracking().Where(k => k.AccountId == accountId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderBy(k => k.CreatedAt).Select(ApiKeyView.From).ToArray();
    }

    /// <summary>One of the account's keys (the web pages show the session's own key and confirm a revocation with it); null when the account has no such key.</summary>
    public async Task<ApiKeyView?> GetKeyAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken)
    {
        var key = await database.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId && k.AccountId == accountId, cancellationToken).ConfigureAwait(false);
        return key is null ? null : ApiKeyView.From(key);
    }

    public async Task<IdentityError?> RevokeKeyAsync(ServerCaller caller, Guid keyId, CancellationToken cancellationToken)
    {
        var key = await database.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false);
        var administrator = caller.HasScope(ApiKeyScopes.Admin);
        if (key is null || (key.AccountId != caller.AccountId && !administrator))
        {
            return new IdentityError(StatusCodes.Status404NotFound, "No such key", $"No key {keyId} belongs to '{caller.AccountName}'; 'skillrt keys list' shows the keys.");
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public async Task<(OwnerInfo? Owner, IdentityError? Error)> CreateOrganizationAsync(ServerCaller caller, string? name, CancellationToken cancellationToken)
    {
        if (IdentityNames.Problem(name) is { } problem)
        {
            return (null, BadRequest($"name: {problem}."));
        }

        var normalized = IdentityNames.Normalize(name!);
        var owner = new Owner { Id = Guid.NewGuid(), Name = name!, NormalizedName = normalized, Kind = OwnerKind.Organization, CreatedAt = time.GetUtcNow().UtcDateTime };
        database.Owners.Add(owner);
        database.OwnerMembers.Add(new OwnerMember { OwnerId = owner.Id, AccountId = caller.AccountId, IsAdministrator = true });
        try
        {
            await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            database.ChangeTracker.Clear();
            return (null, Taken(name!));
        }

        return (new OwnerInfo(owner.Id, owner.Name, owner.Kind), null);
    }

    public async Task<IdentityError?> AddMemberAsync(ServerCaller caller, string organization, string accountName, bool administrator, CancellationToken cancellationToken)
    {
        var normalizedOrganization = IdentityNames.Normalize(organization);
        var owner = await database.Owners.SingleOrDefaultAsync(o => o.NormalizedName == normalizedOrganization && o.Kind == OwnerKind.Organization, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return new IdentityError(StatusCodes.Status404NotFound, "No such organisation", $"There is no organisation '{organization}'.");
        }

        var callerIsAdmin = caller.HasScope(ApiKeyScopes.Admin)
            || await database.OwnerMembers.AnyAsync(m => m.OwnerId == owner.Id && m.AccountId == caller.AccountId && m.IsAdministrator, cancellationToken).ConfigureAwait(false);
        if (!callerIsAdmin)
        {
            return new IdentityError(StatusCodes.Status403Forbidden, "Not an administrator of the organisation", $"'{caller.AccountName}' is not an administrator of '{owner.Name}'.");
        }

        var normalizedAccount = IdentityNames.Normalize(accountName);
        var account = await database.Accounts.SingleOrDefaultAsync(a => a.NormalizedName == normalizedAccount, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return new IdentityError(StatusCodes.Status404NotFound, "No such account", $"There is no account '{accountName}'.");
        }

        var member = await database.OwnerMembers.SingleOrDefaultAsync(m => m.OwnerId == owner.Id && m.AccountId == account.Id, cancellationToken).ConfigureAwait(false);
        if (member is null)
        {
            database.OwnerMembers.Add(new OwnerMember { OwnerId = owner.Id, AccountId = account.Id, IsAdministrator = administrator });
        }
        else
        {
            member.IsAdministrator = administrator;
        }

        await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<IReadOnlyList<OwnerInfo>> GetOwnersOfAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var owners = await (
            from member in database.OwnerMembers
            join owner in database.Owners on member.OwnerId equals owner.Id
            where member.AccountId == accountId
            select owner).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return owners.OrderBy(o => o.Kind).ThenBy(o => o.NormalizedName, StringComparer.Ordinal).Select(o => new OwnerInfo(o.Id, o.Name, o.Kind)).ToArray();
    }

    public async Task<OwnerInfo?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = IdentityNames.Normalize(name);
        var owner = await database.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken).ConfigureAwait(false);
        return owner is null ? null : new OwnerInfo(owner.Id, owner.Name, owner.Kind);
    }

    public async Task<IReadOnlyDictionary<Guid, OwnerInfo>> GetAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var owners = await database.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return owners.ToDictionary(o => o.Id, o => new OwnerInfo(o.Id, o.Name, o.Kind));
    }

    // A held pattern covers a requested one when everything the requested one matches, the held one matches too.
    private static bool Covers(string held, string requested) =>
        held == "*"
        || (held.EndsWith('*') && requested.StartsWith(held[..^1], StringComparison.OrdinalIgnoreCase))
        || (!held.EndsWith('*') && string.Equals(held, requested, StringComparison.OrdinalIgnoreCase));

    private static ((ApiKey Entity, string Secret) Key, DateTime Now) NewKey(Guid accountId, string name, IReadOnlyList<string> keyScopes, IReadOnlyList<string> packages, int days, DateTime now)
    {
        var secret = ApiKeySecrets.Create();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            Name = name,
            SecretHash = ApiKeySecrets.Hash(secret),
            Hint = ApiKeySecrets.Hint(secret),
            Scopes = string.Join(' ', keyScopes),
            Packages = string.Join(' ', packages),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        return ((key, secret), now);
    }

    private static IdentityError BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Invalid request", detail);

    private static IdentityError Taken(string name) =>
        new(StatusCodes.Status409Conflict, "Name taken", $"The name '{name}' is taken by an account or organisation (names are compared regardless of case); choose another.");
}
