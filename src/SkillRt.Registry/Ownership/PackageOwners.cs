using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Ownership;

/// <summary>
/// Who owns a package: its primary owner (<see cref="PackageRegistration.OwnerId"/>) and its co-owners
/// (<c>registry_co_owners</c>). Every publish, unlist and relist asks here, so a co-owner's members
/// act on the package exactly as the primary owner's do.
/// </summary>
internal sealed class PackageOwners(RegistryDbContext database, IOwnerDirectory directory)
{
    /// <summary>The package's owners, the primary owner first.</summary>
    public async Task<IReadOnlyList<Guid>> OwnerIdsAsync(PackageRegistration registration, CancellationToken cancellationToken)
    {
        var coOwners = await database.Set<PackageCoOwner>().AsNoTracking()
            .Where(c => c.RegistrationId == registration.Id && c.OwnerId != registration.OwnerId)
            .OrderBy(c => c.AddedAt)
            .Select(c => c.OwnerId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [registration.OwnerId, .. coOwners];
    }

    /// <summary>The owners of several packages at once (for search answers), each list primary first.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> OwnerIdsAsync(IReadOnlyCollection<PackageRegistration> registrations, CancellationToken cancellationToken)
    {
        var ids = registrations.Select(r => r.Id).ToList();
        var coOwners = (await database.Set<PackageCoOwner>().AsNoTracking()
                .Where(c => ids.Contains(c.RegistrationId))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(c => c.RegistrationId);
        return registrations.ToDictionary(
            r => r.Id,
            r => (IReadOnlyList<Guid>)[r.OwnerId, .. coOwners[r.Id].Where(c => c.OwnerId != r.OwnerId).OrderBy(c => c.AddedAt).Select(c => c.OwnerId)]);
    }

    /// <summary>
    /// Null when the caller's account is a member of one of the package's owners; else the 403 problem
    /// naming the owners and how to be added.
    /// </summary>
    public async Task<PublishProblem?> NotAnOwnerAsync(ServerCaller caller, PackageRegistration registration, CancellationToken cancellationToken)
    {
        var ownerIds = await OwnerIdsAsync(registration, cancellationToken).ConfigureAwait(false);
        var callerOwners = await directory.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
        if (callerOwners.Any(owner => ownerIds.Contains(owner.Id)))
        {
            return null;
        }

        var found = await directory.GetAsync(ownerIds, cancellationToken).ConfigureAwait(false);
        var names = ownerIds.Select(id => found.TryGetValue(id, out var owner) ? owner.Name : id.ToString()).ToList();
        var listed = string.Join("', '", names);
        return PublishProblem.Forbidden(
            "Not an owner of the package",
            names.Count == 1
                ? $"'{registration.PackageId}' belongs to the owner '{names[0]}', and the account '{caller.AccountName}' is not a member of it; ask an administrator of '{names[0]}' to add you, or ask its owner to invite one of your owners as a co-owner ('skillrt owner add {registration.PackageId} <owner>'), or publish under another ID."
                : $"'{registration.PackageId}' belongs to the owners '{listed}', and the account '{caller.AccountName}' is not a member of any of them; ask one of them to add you or to invite one of your owners as a co-owner ('skillrt owner add {registration.PackageId} <owner>'), or publish under another ID.");
    }
}
