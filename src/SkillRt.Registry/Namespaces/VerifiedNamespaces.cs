using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// Decides the <em>verified</em> mark of many package IDs at once (search answers and their facet): an
/// ID is verified when the longest reservation covering it (the one <see cref="NamespaceGate"/> obeys)
/// has a verified domain and belongs to one of the package's owners. All reservations are read once
/// (there is about one per organisation), so marking 10,000 IDs costs no further query.
/// </summary>
internal sealed class VerifiedNamespaces
{
    private readonly Dictionary<string, (Guid OwnerId, bool Verified)> _byPrefix;
    private readonly bool _anyVerified;

    private VerifiedNamespaces(Dictionary<string, (Guid OwnerId, bool Verified)> byPrefix)
    {
        _byPrefix = byPrefix;
        _anyVerified = byPrefix.Values.Any(r => r.Verified);
    }

    /// <summary>Reads every reservation.</summary>
    public static async Task<VerifiedNamespaces> LoadAsync(RegistryDbContext database, CancellationToken cancellationToken)
    {
        var reservations = await database.Set<PrefixReservation>().AsNoTracking()
            .Select(r => new { r.NormalizedPrefix, r.OwnerId, Verified = r.VerifiedAt != null })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new VerifiedNamespaces(reservations.ToDictionary(r => r.NormalizedPrefix, r => (r.OwnerId, r.Verified), StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="packageId"/>, owned by <paramref name="ownerIds"/>, is in a verified namespace of one of them.</summary>
    public bool IsVerified(string packageId, IReadOnlyCollection<Guid> ownerIds)
    {
        if (!_anyVerified)
        {
            return false;
        }

        var candidates = NamespacePrefix.CandidatesFor(packageId);
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            if (_byPrefix.TryGetValue(candidates[i], out var reservation))
            {
                return reservation.Verified && ownerIds.Contains(reservation.OwnerId);
            }
        }

        return false;
    }
}
