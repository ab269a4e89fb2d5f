using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Ownership;

/// <summary>
/// Co-owners and transfers, each with the invited owner's acceptance: an owner's member invites another
/// owner; a member of the invited owner accepts; only then does anything change. A package always keeps
/// its primary owner (it cannot be removed, only transferred), so it never has no owner.
/// Administrators may do what any owner's member may. Every change is recorded in the audit log
/// (<see cref="OwnershipAuditActions"/>) in the same transaction as the change; refusals record nothing.
/// </summary>
internal sealed partial class OwnershipService(
    RegistryDbContext database,
    IOwnerDirectory directory,
    PackageOwners packageOwners,
    NamespaceGate namespaces,
    IOptions<NamespaceOptions> options,
    IRegistryAudit audit,
    RegistryGeneration generation,
    TimeProvider time,
    ILogger<OwnershipService> logger)
{
    /// <summary>The package's owners; invitations only for its owners' members, the invited owners' members and administrators.</summary>
    public async Task<(PackageOwnersView? View, OwnershipProblem? Problem)> GetAsync(ServerCaller caller, string id, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return (null, UnknownPackage(id));
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var ownerIds = await packageOwners.OwnerIdsAsync(registration, cancellationToken).ConfigureAwait(false);
        var seesAll = callerOwners.IsAdministrator || callerOwners.IsMemberOfAny(ownerIds);
        var now = time.GetUtcNow().UtcDateTime;
        var invitations = (await Invitations().AsNoTracking().Where(i => i.RegistrationId == registration.Id && i.ExpiresAt > now).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(i => seesAll || callerOwners.IsMemberOf(i.OwnerId))
            .ToList();
        var names = await directory.GetAsync([.. ownerIds, .. invitations.SelectMany(i => new[] { i.OwnerId, i.FromOwnerId })], cancellationToken).ConfigureAwait(false);
        var reservation = await namespaces.LongestMatchAsync(registration.PackageId, cancellationToken).ConfigureAwait(false);
        var verified = reservation is { VerifiedAt: not null } && ownerIds.Contains(reservation.OwnerId);
        return (new PackageOwnersView(
            registration.PackageId,
            ownerIds.Select((ownerId, index) => new PackageOwnerView(Name(names, ownerId), names.TryGetValue(ownerId, out var o) ? o.Kind.ToString() : "Unknown", index == 0)).ToList(),
            invitations.OrderBy(i => i.CreatedAt).Select(i => View(registration, i, names)).ToList(),
            verified,
            reservation?.Prefix), null);
    }

    /// <summary>Pending invitations to the caller's owners, across packages.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListInvitationsAsync(ServerCaller caller, CancellationToken cancellationToken)
    {
        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var ownerIds = callerOwners.Owners.Select(o => o.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await (from i in Invitations().AsNoTracking()
                             join p in database.Packages.AsNoTracking() on i.RegistrationId equals p.Id
                             where ownerIds.Contains(i.OwnerId) && i.ExpiresAt > now
                             orderby i.CreatedAt
                             select new { Invitation = i, Package = p })
            .Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await directory.GetAsync(pending.SelectMany(x => new[] { x.Invitation.OwnerId, x.Invitation.FromOwnerId }).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        return pending.Select(x => View(x.Package, x.Invitation, names)).ToList();
    }

    /// <summary>
    /// Invites an owner: as a co-owner (any owner's member may), or to take the package over (the
    /// primary owner's members may). Inviting the same owner again replaces its pending invitation.
    /// </summary>
    public async Task<(InvitationView? Invitation, OwnershipProblem? Problem)> InviteAsync(ServerCaller caller, string id, OwnerRequest request, OwnerInvitationKind kind, CancellationToken cancellationToken)
    {
        var (registration, ownerIds, callerOwners, problem) = await AuthorizeAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (kind == OwnerInvitationKind.Transfer && !callerOwners!.ActsFor(registration!.OwnerId))
        {
            var primary = await NameAsync(registration.OwnerId, cancellationToken).ConfigureAwait(false);
            return (null, OwnershipProblem.Forbidden("Only the primary owner transfers", $"'{registration.PackageId}' is transferred by its primary owner '{primary}', and the account '{caller.AccountName}' is not a member of it; ask a member of '{primary}'."));
        }

        if (string.IsNullOrWhiteSpace(request.Owner))
        {
            return (null, OwnershipProblem.Invalid("Owner missing", "Say which owner (user or organisation) to invite: send { \"owner\": \"name\" }."));
        }

        var invited = await directory.FindAsync(request.Owner, cancellationToken).ConfigureAwait(false);
        if (invited is null)
        {
            return (null, UnknownOwner(request.Owner));
        }

        if (kind == OwnerInvitationKind.CoOwner && ownerIds!.Contains(invited.Id))
        {
            return (null, OwnershipProblem.Conflict("Already an owner", $"'{invited.Name}' already owns '{registration!.PackageId}'; 'skillrt owner list {registration.PackageId}' shows its owners."));
        }

        if (kind == OwnerInvitationKind.Transfer && registration!.OwnerId == invited.Id)
        {
            return (null, OwnershipProblem.Conflict("Already the primary owner", $"'{invited.Name}' is the primary owner of '{registration.PackageId}' already."));
        }

        var names = await directory.GetAsync([invited.Id, registration!.OwnerId], cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new OwnerInvitation
        {
            Id = Guid.NewGuid(),
            RegistrationId = registration.Id,
            OwnerId = invited.Id,
            Kind = kind,
            FromOwnerId = registration.OwnerId,
            InvitedByAccountId = caller.AccountId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await Invitations().Where(i => i.RegistrationId == registration.Id && i.OwnerId == invited.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            database.Add(invitation);
            try
            {
                // RecordAsync saves the invitation with its entry.
                var details = new JsonObject { ["owner"] = invited.Name, ["kind"] = KindName(kind), ["from"] = Name(names, registration.OwnerId) };
                await audit.RecordAsync(Event(OwnershipAuditActions.Invite, registration, invited.Name, details), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                return (null, OwnershipProblem.Conflict("Invitation changed meanwhile", $"Another request invited '{invited.Name}' to '{registration.PackageId}' at the same moment; 'skillrt owner list {registration.PackageId}' shows the invitation that stands."));
            }
            finally
            {
                database.ChangeTracker.Clear();
            }
        }

        LogInvited(logger, registration.PackageId, invited.Name, kind, caller.AccountName);
        return (View(registration, invitation, names), null);
    }

    /// <summary>
    /// A member of the invited owner accepts: a co-owner is added; a transfer makes the invited owner
    /// primary and removes the owner that proposed it (refused if the primary owner changed since).
    /// </summary>
    public async Task<(PackageOwnersView? View, OwnershipProblem? Problem)> AcceptAsync(ServerCaller caller, string id, string ownerName, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var owner = await directory.FindAsync(ownerName, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = registration is null || owner is null
            ? null
            : await Invitations().AsNoTracking().SingleOrDefaultAsync(i => i.RegistrationId == registration.Id && i.OwnerId == owner.Id && i.ExpiresAt > now, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            return (null, OwnershipProblem.NotFound("No pending invitation", $"'{NamespacePrefix.Shorten(ownerName)}' has no pending invitation to '{NamespacePrefix.Shorten(id)}' (it may have expired or been withdrawn); 'skillrt owner invitations' lists yours."));
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        if (!callerOwners.IsMemberOf(owner!.Id))
        {
            return (null, OwnershipProblem.Forbidden("Not a member of the invited owner", $"The invitation is for '{owner.Name}', and the account '{caller.AccountName}' is not a member of it; a member of '{owner.Name}' accepts it."));
        }

        var package = registration!;
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await Invitations().Where(i => i.Id == invitation.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return (null, OwnershipProblem.NotFound("No pending invitation", $"The invitation of '{owner.Name}' to '{package.PackageId}' was accepted or withdrawn by another request just now; 'skillrt owner list {package.PackageId}' shows the owners."));
            }

            if (invitation.Kind == OwnerInvitationKind.Transfer)
            {
                // Only if the primary owner is still the one that proposed: a stale transfer must not undo a later one.
                var moved = await database.Packages
                    .Where(p => p.Id == package.Id && p.OwnerId == invitation.FromOwnerId)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.OwnerId, owner.Id), cancellationToken).ConfigureAwait(false);
                if (moved == 0)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    return (null, OwnershipProblem.Conflict("Transfer out of date", $"'{package.PackageId}' changed primary owner after this transfer was proposed; ask its primary owner to propose it again."));
                }

                // The new primary owner is no longer also a co-owner; the old one is removed altogether.
                await CoOwners().Where(c => c.RegistrationId == package.Id && (c.OwnerId == owner.Id || c.OwnerId == invitation.FromOwnerId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                var from = await NameAsync(invitation.FromOwnerId, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(Event(OwnershipAuditActions.Transfer, package, owner.Name, new() { ["from"] = from, ["to"] = owner.Name }), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (!await CoOwners().AnyAsync(c => c.RegistrationId == package.Id && c.OwnerId == owner.Id, cancellationToken).ConfigureAwait(false)
                    && package.OwnerId != owner.Id)
                {
                    database.Add(new PackageCoOwner { RegistrationId = package.Id, OwnerId = owner.Id, AddedAt = now });
                }

                // RecordAsync saves the new co-owner with its entry; an owner already there still used up its invitation, which is recorded too.
                await audit.RecordAsync(Event(OwnershipAuditActions.Accept, package, owner.Name, new() { ["owner"] = owner.Name }), cancellationToken).ConfigureAwait(false);
            }

            database.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        generation.Advance();
        LogAccepted(logger, package.PackageId, owner.Name, invitation.Kind, caller.AccountName);
        return await GetAsync(caller, package.PackageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a co-owner, or withdraws (or declines) a pending invitation. The primary owner cannot be
    /// removed: transfer the package first. A co-owner's members may remove their own owner.
    /// </summary>
    public async Task<OwnershipProblem?> RemoveAsync(ServerCaller caller, string id, string ownerName, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return UnknownPackage(id);
        }

        var owner = await directory.FindAsync(ownerName, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return UnknownOwner(ownerName);
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var ownerIds = await packageOwners.OwnerIdsAsync(registration, cancellationToken).ConfigureAwait(false);
        var mayManage = caller.MayActOn(registration.PackageId) && (callerOwners.IsAdministrator || callerOwners.IsMemberOfAny(ownerIds));
        if (!mayManage && !callerOwners.IsMemberOf(owner.Id))
        {
            return NotAnOwner(caller, registration, await NamesAsync(ownerIds, cancellationToken).ConfigureAwait(false));
        }

        if (owner.Id == registration.OwnerId)
        {
            return OwnershipProblem.Conflict(
                "The primary owner cannot be removed",
                $"'{owner.Name}' is the primary owner of '{registration.PackageId}', and a package always keeps one; transfer it to another owner first ('skillrt owner transfer {registration.PackageId} <owner>'), which removes '{owner.Name}' once accepted.");
        }

        // The removal and its entries in one transaction. An owner may be a co-owner with a pending transfer
        // to it, so both may go at once, and each is recorded.
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var invitation = await Invitations().AsNoTracking().SingleOrDefaultAsync(i => i.RegistrationId == registration.Id && i.OwnerId == owner.Id, cancellationToken).ConfigureAwait(false);
            var coOwnerRemoved = await CoOwners().Where(c => c.RegistrationId == registration.Id && c.OwnerId == owner.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
            var invitationRemoved = invitation is not null
                && await Invitations().Where(i => i.Id == invitation.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
            if (!coOwnerRemoved && !invitationRemoved)
            {
                return OwnershipProblem.NotFound("Not an owner", $"'{owner.Name}' neither owns '{registration.PackageId}' nor has an invitation to it; 'skillrt owner list {registration.PackageId}' shows its owners.");
            }

            if (coOwnerRemoved)
            {
                await audit.RecordAsync(Event(OwnershipAuditActions.Remove, registration, owner.Name, new() { ["owner"] = owner.Name }), cancellationToken).ConfigureAwait(false);
            }

            if (invitationRemoved)
            {
                // The invited owner's own members decline; anyone else (the package's owners, an administrator) withdraws.
                var action = callerOwners.IsMemberOf(owner.Id) ? OwnershipAuditActions.Decline : OwnershipAuditActions.Withdraw;
                await audit.RecordAsync(Event(action, registration, owner.Name, new() { ["owner"] = owner.Name, ["kind"] = KindName(invitation!.Kind) }), cancellationToken).ConfigureAwait(false);
            }

            database.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        generation.Advance();
        LogRemoved(logger, registration.PackageId, owner.Name, caller.AccountName);
        return null;
    }

    private async Task<(PackageRegistration? Registration, IReadOnlyList<Guid>? OwnerIds, CallerOwners? CallerOwners, OwnershipProblem? Problem)> AuthorizeAsync(ServerCaller caller, string id, CancellationToken cancellationToken)
    {
        if (!caller.MayActOn(id))
        {
            return (null, null, null, OwnershipProblem.Forbidden(
                "Package ID outside the key's patterns",
                $"The API key may act on packages matching {string.Join(", ", caller.PackagePatterns.Select(p => $"'{p}'"))} only, not on '{NamespacePrefix.Shorten(id)}'; use a key whose packages include it."));
        }

        var registration = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return (null, null, null, UnknownPackage(id));
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var ownerIds = await packageOwners.OwnerIdsAsync(registration, cancellationToken).ConfigureAwait(false);
        if (!callerOwners.IsAdministrator && !callerOwners.IsMemberOfAny(ownerIds))
        {
            return (null, null, null, NotAnOwner(caller, registration, await NamesAsync(ownerIds, cancellationToken).ConfigureAwait(false)));
        }

        return (registration, ownerIds, callerOwners, null);
    }

    private Task<PackageRegistration?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var normalized = id.ToLowerInvariant();
        return database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalized, cancellationToken);
    }

    private DbSet<OwnerInvitation> Invitations() => database.Set<OwnerInvitation>();

    private DbSet<PackageCoOwner> CoOwners() => database.Set<PackageCoOwner>();

    private async Task<string> NameAsync(Guid ownerId, CancellationToken cancellationToken) =>
        Name(await directory.GetAsync([ownerId], cancellationToken).ConfigureAwait(false), ownerId);

    private async Task<IReadOnlyList<string>> NamesAsync(IReadOnlyList<Guid> ownerIds, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(ownerIds, cancellationToken).ConfigureAwait(false);
        return ownerIds.Select(id => Name(names, id)).ToList();
    }

    private static string Name(IReadOnlyDictionary<Guid, OwnerInfo> names, Guid id) => names.TryGetValue(id, out var owner) ? owner.Name : id.ToString();

    /// <summary>How the API and the audit log spell an invitation's kind.</summary>
    private static string KindName(OwnerInvitationKind kind) => kind == OwnerInvitationKind.Transfer ? "transfer" : "coOwner";

    private static RegistryAuditEvent Event(string action, PackageRegistration registration, string ownerName, JsonObject details) =>
        new(action) { PackageId = registration.PackageId, Target = "owner:" + ownerName, Details = details };

    private static InvitationView View(PackageRegistration registration, OwnerInvitation invitation, IReadOnlyDictionary<Guid, OwnerInfo> names) => new(
        registration.PackageId,
        Name(names, invitation.OwnerId),
        KindName(invitation.Kind),
        Name(names, invitation.FromOwnerId),
        invitation.CreatedAt,
        invitation.ExpiresAt);

    private static OwnershipProblem NotAnOwner(ServerCaller caller, PackageRegistration registration, IReadOnlyList<string> owners) => OwnershipProblem.Forbidden(
        "Not an owner of the package",
        $"'{registration.PackageId}' belongs to '{string.Join("', '", owners)}', and the account '{caller.AccountName}' is not a member of any of them; only its owners' members and administrators manage its owners.");

    private static OwnershipProblem UnknownPackage(string id) =>
        OwnershipProblem.NotFound("Unknown package", $"There is no package '{NamespacePrefix.Shorten(id)}' on this registry; check the ID ('skillrt search' lists packages).");

    private static OwnershipProblem UnknownOwner(string name) =>
        OwnershipProblem.NotFound("Unknown owner", $"There is no user or organisation named '{NamespacePrefix.Shorten(name)}' on this registry; check the spelling.");

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner} invited to {PackageId} ({Kind}) by {Account}")]
    private static partial void LogInvited(ILogger logger, string packageId, string owner, OwnerInvitationKind kind, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner} accepted {PackageId} ({Kind}) through {Account}")]
    private static partial void LogAccepted(ILogger logger, string packageId, string owner, OwnerInvitationKind kind, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner} removed from {PackageId} by {Account}")]
    private static partial void LogRemoved(ILogger logger, string packageId, string owner, string account);
}
