using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;
using SkillRt.Signing.Minisign;

namespace SkillRt.Registry.Signing;

/// <summary>
/// Owners' signing keys and policies: listing (anyone), registering and revoking keys and setting the
/// policy (members of the owner, or an administrator), and the keys that may sign a given package.
/// Every change is recorded in the audit log (<see cref="SigningAuditActions"/>) in its own transaction.
/// </summary>
internal sealed class SigningKeyService(RegistryDbContext database, IOwnerDirectory owners, IRegistryAudit audit, TimeProvider time)
{
    private DbSet<SigningKeyRecord> Keys => database.Set<SigningKeyRecord>();

    private DbSet<SigningPolicyRecord> Policies => database.Set<SigningPolicyRecord>();

    public async Task<(OwnerSigningView?, PublishProblem?)> GetOwnerAsync(string ownerName, CancellationToken cancellationToken)
    {
        if (await owners.FindAsync(ownerName, cancellationToken).ConfigureAwait(false) is not { } owner)
        {
            return (null, UnknownOwner(ownerName));
        }

        return (await ViewAsync(owner, cancellationToken).ConfigureAwait(false), null);
    }

    public async Task<(PackageSigningView?, PublishProblem?)> GetPackageAsync(string packageId, CancellationToken cancellationToken)
    {
        var normalizedId = packageId.ToLowerInvariant();
        var registration = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return (null, PublishProblem.NotFound("Unknown package", $"There is no package '{PackageInspector.Shorten(packageId)}' on this registry; check the ID."));
        }

        var found = await owners.GetAsync([registration.OwnerId], cancellationToken).ConfigureAwait(false);
        var owner = found.TryGetValue(registration.OwnerId, out var info) ? info : new OwnerInfo(registration.OwnerId, registration.OwnerId.ToString(), OwnerKind.User);
        var view = await ViewAsync(owner, cancellationToken).ConfigureAwait(false);
        return (new PackageSigningView(registration.PackageId, view.Owner, view.RequireSignatures, view.Keys), null);
    }

    public async Task<(SigningKeyView?, PublishProblem?)> AddAsync(ServerCaller caller, string ownerName, AddSigningKeyRequest request, CancellationToken cancellationToken)
    {
        var (owner, problem) = await FindManagedOwnerAsync(caller, ownerName, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (null, problem);
        }

        if (!MinisignPublicKey.TryParse(request.PublicKey, "publicKey", out var publicKey, out var error))
        {
            return (null, PublishProblem.Invalid("Not a minisign public key", $"{error} Send the text of the .pub file 'skillrt key new' or 'minisign -G' wrote."));
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (name is { Length: > SigningLimits.MaxKeyNameLength })
        {
            return (null, PublishProblem.Invalid("Key name too long", $"A key's name has at most {SigningLimits.MaxKeyNameLength} characters."));
        }

        var keyId = publicKey.KeyId.ToString();
        var existing = await Keys.AsNoTracking().Where(k => k.OwnerId == owner.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (existing.FirstOrDefault(k => k.KeyId == keyId) is { } same)
        {
            return (null, same.RevokedAt is null
                ? PublishProblem.Conflict("Key already registered", $"Key {keyId} is registered to '{owner.Name}' already.")
                : PublishProblem.Conflict("Key was revoked", $"Key {keyId} was revoked for '{owner.Name}', and a revoked key cannot come back; create a new key with 'skillrt key new' and register that."));
        }

        if (existing.Count >= SigningLimits.MaxKeysPerOwner)
        {
            return (null, PublishProblem.Conflict("Too many keys", $"'{owner.Name}' has {existing.Count} keys registered (revoked ones included), the most an owner may have; ask the registry's administrator."));
        }

        var record = new SigningKeyRecord
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            KeyId = keyId,
            PublicKey = publicKey.ToBase64(),
            Name = name,
            AddedAt = time.GetUtcNow().UtcDateTime,
            AddedByAccountId = caller.AccountId,
        };
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            Keys.Add(record);
            try
            {
                // RecordAsync saves the key with its entry.
                await audit.RecordAsync(Event(SigningAuditActions.KeyRegister, owner, new() { ["keyId"] = keyId, ["name"] = name }), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                return (null, PublishProblem.Conflict("Key already registered", $"Key {keyId} is registered to '{owner.Name}' already."));
            }
            finally
            {
                database.ChangeTracker.Clear();
            }
        }

        return (SigningKeyView.From(record), null);
    }

    public async Task<PublishProblem?> RevokeAsync(ServerCaller caller, string ownerName, string keyIdText, CancellationToken cancellationToken)
    {
        var (owner, problem) = await FindManagedOwnerAsync(caller, ownerName, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return problem;
        }

        if (!MinisignKeyId.TryParse(keyIdText, out var keyId))
        {
            return PublishProblem.Invalid("Not a key id", $"'{PackageInspector.Shorten(keyIdText)}' is not a minisign key id: 16 hex digits, as 'skillrt key new' and 'minisign -G' print.");
        }

        var text = keyId.ToString();
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // The conditional update decides which of two concurrent revocations is the one recorded.
            var changed = await Keys
                .Where(k => k.OwnerId == owner.Id && k.KeyId == text && k.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedByAccountId, caller.AccountId), cancellationToken)
                .ConfigureAwait(false);
            if (changed > 0)
            {
                var name = await Keys.AsNoTracking().Where(k => k.OwnerId == owner.Id && k.KeyId == text).Select(k => k.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(Event(SigningAuditActions.KeyRevoke, owner, new() { ["keyId"] = text, ["name"] = name }), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        return await Keys.AnyAsync(k => k.OwnerId == owner.Id && k.KeyId == text, cancellationToken).ConfigureAwait(false)
            ? null // revoked already: revoking is idempotent
            : PublishProblem.NotFound("Unknown key", $"'{owner.Name}' has no key {text}; 'GET api/v2/owners/{owner.Name}/signing-keys' lists its keys.");
    }

    public async Task<(OwnerSigningView?, PublishProblem?)> SetPolicyAsync(ServerCaller caller, string ownerName, SigningPolicyRequest request, CancellationToken cancellationToken)
    {
        var (owner, problem) = await FindManagedOwnerAsync(caller, ownerName, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (null, problem);
        }

        if (request.RequireSignatures is not { } require)
        {
            return (null, PublishProblem.Invalid("Missing requireSignatures", "Send {\"requireSignatures\": true} or {\"requireSignatures\": false}."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var policy = await Policies.SingleOrDefaultAsync(p => p.OwnerId == owner.Id, cancellationToken).ConfigureAwait(false);
            var old = policy?.RequireSignatures ?? false;
            if (policy is null)
            {
                Policies.Add(new SigningPolicyRecord { OwnerId = owner.Id, RequireSignatures = require, UpdatedAt = now, UpdatedByAccountId = caller.AccountId });
            }
            else
            {
                policy.RequireSignatures = require;
                policy.UpdatedAt = now;
                policy.UpdatedByAccountId = caller.AccountId;
            }

            try
            {
                if (old != require)
                {
                    // RecordAsync saves the policy with its entry; setting the policy the owner has is not a change to record.
                    await audit.RecordAsync(Event(SigningAuditActions.PolicyChange, owner, new() { ["oldRequireSignatures"] = old, ["requireSignatures"] = require }), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception) && attempt == 1)
            {
                // Another request created the row first (its transaction is rolled back by the failed
                // insert); the second attempt reads that row and changes it.
            }
            finally
            {
                database.ChangeTracker.Clear();
            }
        }

        return (await ViewAsync(owner, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Whether the owner requires every publish to be signed.</summary>
    public Task<bool> RequiresSignaturesAsync(Guid ownerId, CancellationToken cancellationToken) =>
        Policies.AsNoTracking().AnyAsync(p => p.OwnerId == ownerId && p.RequireSignatures, cancellationToken);

    /// <summary>The owner's key with this id, active or revoked; null when it never registered it.</summary>
    public Task<SigningKeyRecord?> FindKeyAsync(Guid ownerId, MinisignKeyId keyId, CancellationToken cancellationToken)
    {
        var text = keyId.ToString();
        return Keys.AsNoTracking().SingleOrDefaultAsync(k => k.OwnerId == ownerId && k.KeyId == text, cancellationToken);
    }

    private async Task<OwnerSigningView> ViewAsync(OwnerInfo owner, CancellationToken cancellationToken)
    {
        var keys = await Keys.AsNoTracking().Where(k => k.OwnerId == owner.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var require = await RequiresSignaturesAsync(owner.Id, cancellationToken).ConfigureAwait(false);
        return new OwnerSigningView(
            owner.Name,
            require,
            keys.OrderBy(k => k.AddedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).Select(SigningKeyView.From).ToList());
    }

    private async Task<(OwnerInfo?, PublishProblem?)> FindManagedOwnerAsync(ServerCaller caller, string ownerName, CancellationToken cancellationToken)
    {
        if (await owners.FindAsync(ownerName, cancellationToken).ConfigureAwait(false) is not { } owner)
        {
            return (null, UnknownOwner(ownerName));
        }

        if (caller.IsAdministrator && caller.HasScope(ApiKeyScopes.Admin))
        {
            return (owner, null);
        }

        IReadOnlyList<OwnerInfo> callerOwners = await owners.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
        return callerOwners.Any(o => o.Id == owner.Id)
            ? (owner, null)
            : (null, PublishProblem.Forbidden("Not a member of the owner", $"The account '{caller.AccountName}' does not act for '{owner.Name}', so it cannot change its signing keys or policy; ask a member of '{owner.Name}'."));
    }

    private static RegistryAuditEvent Event(string action, OwnerInfo owner, JsonObject details) =>
        new(action) { Target = $"owner:{owner.Name}", Details = details };

    private static PublishProblem UnknownOwner(string ownerName) =>
        PublishProblem.NotFound("Unknown owner", $"There is no user or organisation '{PackageInspector.Shorten(ownerName)}' on this registry; check the name.");
}
