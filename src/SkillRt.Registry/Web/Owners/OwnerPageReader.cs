using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using NuGet.Versioning;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Web.Owners;

/// <summary>
/// Loads an owner's page in a fixed number of queries whatever the page holds: the owner, its
/// members, its prefixes (<see cref="NamespaceService"/>), the count and page of its packages, their
/// listed versions' numbers, and the latest versions' texts. Quarantined versions are never seen
/// (the versions' query filter), unlisted ones are left out, and a package without a listed version is not listed.
/// </summary>
internal sealed class OwnerPageReader(RegistryDbContext database, IdentityDbContext identity, IOwnerDirectory directory, NamespaceService namespaces)
{
    /// <summary>Packages a page.</summary>
    public const int PageSize = 20;

    /// <summary>The owner's page <paramref name="page"/> (from 1; past the last page is empty), or null for an unknown owner.</summary>
    public async Task<OwnerPage?> ReadAsync(string name, int page, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            return null;
        }

        var owner = await directory.FindAsync(name, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        IReadOnlyList<string> members = [];
        if (owner.Kind == OwnerKind.Organization)
        {
            members = await identity.OwnerMembers.AsNoTracking()
                .Where(m => m.OwnerId == owner.Id)
                .Join(identity.Accounts.AsNoTracking(), m => m.AccountId, a => a.Id, (m, a) => a.Name)
                .OrderBy(n => n)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var prefixes = await namespaces.ListOfOwnerAsync(owner, cancellationToken).ConfigureAwait(false);

        var ownerId = owner.Id;
        var coOwned = database.Set<PackageCoOwner>().Where(c => c.OwnerId == ownerId).Select(c => c.RegistrationId);
        var owned = database.Packages.AsNoTracking()
            .Where(p => (p.OwnerId == ownerId || coOwned.Contains(p.Id)) && database.Versions.Any(v => v.RegistrationId == p.Id && v.IsListed));
        var total = await owned.CountAsync(cancellationToken).ConfigureAwait(false);
        page = Math.Max(1, page);
        var packages = await owned
            .OrderByDescending(p => p.TotalDownloads).ThenBy(p => p.NormalizedId)
            .Skip((int)Math.Min(int.MaxValue, (page - 1L) * PageSize)).Take(PageSize)
            .Select(p => new { p.Id, p.PackageId, p.OwnerId, p.TotalDownloads })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var ids = packages.Select(p => p.Id).ToList();
        var versions = (await database.Versions.AsNoTracking()
                .Where(v => ids.Contains(v.RegistrationId) && v.IsListed)
                .Select(v => new { v.Id, v.RegistrationId, v.Version })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(v => v.RegistrationId);
        // The latest by SemVer precedence, a stable version before any prerelease.
        // A package unlisted between the two queries has no versions here, and is left out of the page.
        var latest = ids.Where(id => versions[id].Any()).ToDictionary(id => id, id => versions[id]
            .Select(v => (v.Id, v.Version, Parsed: NuGetVersion.Parse(v.Version)))
            .OrderBy(v => v.Parsed.IsPrerelease ? 0 : 1).ThenBy(v => v.Parsed, VersionComparer.Default)
            .Last());
        var latestIds = latest.Values.Select(v => v.Id).ToList();
        var texts = await database.Versions.AsNoTracking()
            .Where(v => latestIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Title, v.Description })
            .ToDictionaryAsync(v => v.Id, cancellationToken).ConfigureAwait(false);

        return new OwnerPage(
            owner,
            members,
            prefixes,
            total,
            packages.Where(p => latest.ContainsKey(p.Id)).Select(p =>
            {
                var version = latest[p.Id];
                var text = texts.GetValueOrDefault(version.Id);
                return new OwnerPackage(p.PackageId, text?.Title, text?.Description, version.Version, p.TotalDownloads, p.OwnerId != ownerId);
            }).ToList(),
            page,
            PageSize);
    }
}
