using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// Decides who may create a new package ID: under a reserved prefix only the reserving owner's members,
/// and the new ID is recorded under that owner (an organisation's prefix gives the organisation the
/// package, not the member who published it). The longest reservation that covers the ID decides.
/// Existing packages are not asked about: their owners keep publishing whatever was reserved later.
/// </summary>
internal sealed class NamespaceGate(RegistryDbContext database, IOwnerDirectory directory)
{
    /// <summary>The longest reservation covering <paramref name="packageId"/>, or null.</summary>
    public async Task<PrefixReservation?> LongestMatchAsync(string packageId, CancellationToken cancellationToken)
    {
        var candidates = NamespacePrefix.CandidatesFor(packageId);
        var matches = await database.Set<PrefixReservation>().AsNoTracking()
            .Where(r => candidates.Contains(r.NormalizedPrefix))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return matches.MaxBy(r => r.NormalizedPrefix.Length);
    }

    /// <summary>
    /// The reservations deciding each ID (longest match), for IDs shown together (search answers).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PrefixReservation>> LongestMatchesAsync(IReadOnlyCollection<string> packageIds, CancellationToken cancellationToken)
    {
        var candidates = packageIds.SelectMany(NamespacePrefix.CandidatesFor).Distinct(StringComparer.Ordinal).ToList();
        var matches = await database.Set<PrefixReservation>().AsNoTracking()
            .Where(r => candidates.Contains(r.NormalizedPrefix))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, PrefixReservation>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in packageIds)
        {
            if (matches.Where(r => NamespacePrefix.Covers(r.NormalizedPrefix, id)).MaxBy(r => r.NormalizedPrefix.Length) is { } match)
            {
                found[id] = match;
            }
        }

        return found;
    }

    /// <summary>
    /// The owner a new package ID is recorded under, or the 403 problem when the ID is inside a prefix
    /// reserved for an owner the caller is not a member of. <paramref name="callerOwners"/> are the
    /// caller's owners, personal owner first (never empty).
    /// </summary>
    public async Task<(Guid OwnerId, PublishProblem? Problem)> OwnerForNewPackageAsync(ServerCaller caller, string packageId, IReadOnlyList<OwnerInfo> callerOwners, CancellationToken cancellationToken)
    {
        var reservation = await LongestMatchAsync(packageId, cancellationToken).ConfigureAwait(false);
        if (reservation is null)
        {
            return (callerOwners[0].Id, null);
        }

        if (callerOwners.Any(o => o.Id == reservation.OwnerId))
        {
            return (reservation.OwnerId, null);
        }

        var found = await directory.GetAsync([reservation.OwnerId], cancellationToken).ConfigureAwait(false);
        var ownerName = found.TryGetValue(reservation.OwnerId, out var owner) ? owner.Name : reservation.OwnerId.ToString();
        var verified = reservation.VerifiedDomain is { } domain ? $" (verified with the domain {domain})" : "";
        return (Guid.Empty, PublishProblem.Forbidden(
            "Package ID inside a reserved prefix",
            $"'{NamespacePrefix.Shorten(packageId)}' starts with the prefix '{reservation.Prefix}', reserved for the owner '{ownerName}'{verified}, and the account '{caller.AccountName}' is not a member of it; only its members publish new IDs under '{reservation.Prefix}'. Ask an administrator of '{ownerName}' to add you, or to publish the package and invite one of your owners as a co-owner ('skillrt owner add {NamespacePrefix.Shorten(packageId)} <owner>'), or publish under another ID."));
    }
}
