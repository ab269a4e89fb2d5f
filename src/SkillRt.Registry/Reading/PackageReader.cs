using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using NuGet.Versioning;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Reading;

/// <summary>
/// The registry's read queries, engine-neutral (EF Core), and the download count. IDs and versions
/// are looked up case-insensitively through their normalized lowercase columns.
/// </summary>
internal sealed class PackageReader(RegistryDbContext db)
{
    public Task<PackageRegistration?> FindPackageAsync(string id, CancellationToken cancellationToken)
    {
        var normalized = id.ToLowerInvariant();
        return db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.NormalizedId == normalized, cancellationToken);
    }

    /// <summary>A package's versions (optionally listed only), SemVer-ascending.</summary>
    public async Task<IReadOnlyList<PackageVersionRecord>> GetVersionsAsync(Guid registrationId, bool listedOnly, CancellationToken cancellationToken)
    {
        var query = db.Versions.AsNoTracking().Where(v => v.RegistrationId == registrationId);
        if (listedOnly)
        {
            query = query.Where(v => v.IsListed);
        }

        var versions = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return versions.OrderBy(v => NuGetVersion.Parse(v.Version), VersionComparer.Default).ToList();
    }

    /// <summary>The deprecation and yank state of those of <paramref name="versionIds"/> that have any, by version ID.</summary>
    public async Task<IReadOnlyDictionary<Guid, VersionLifecycle>> GetLifecycleAsync(IReadOnlyCollection<Guid> versionIds, CancellationToken cancellationToken) =>
        await db.Set<VersionLifecycle>().AsNoTracking().Where(l => versionIds.Contains(l.VersionId)).ToDictionaryAsync(l => l.VersionId, cancellationToken).ConfigureAwait(false);

    /// <summary>One version of a package, or null; <paramref name="version"/> in any spelling NuGet accepts.</summary>
    public async Task<(PackageRegistration Package, PackageVersionRecord Version)?> FindVersionAsync(string id, string version, CancellationToken cancellationToken)
    {
        if (Normalize(version) is not { } normalizedVersion)
        {
            return null;
        }

        var normalizedId = id.ToLowerInvariant();
        var found = await db.Versions.AsNoTracking()
            .Join(db.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new { Version = v, Package = p })
            .FirstOrDefaultAsync(x => x.Package.NormalizedId == normalizedId && x.Version.NormalizedVersion == normalizedVersion, cancellationToken)
            .ConfigureAwait(false);
        return found is null ? null : (found.Package, found.Version);
    }

    /// <summary>What a download needs (not the large text columns), or null.</summary>
    public async Task<PackageDownload?> FindDownloadAsync(string id, string version, CancellationToken cancellationToken)
    {
        if (Normalize(version) is not { } normalizedVersion)
        {
            return null;
        }

        var normalizedId = id.ToLowerInvariant();
        return await db.Versions.AsNoTracking()
            .Join(db.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new { Version = v, Package = p })
            .Where(x => x.Package.NormalizedId == normalizedId && x.Version.NormalizedVersion == normalizedVersion)
            .Select(x => new PackageDownload(x.Package.Id, x.Version.Id, x.Version.PackageSha256, x.Version.PackageSize, x.Version.PublishedAt))
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>IDs of packages with a listed version (stable unless <paramref name="prerelease"/>) that start with <paramref name="prefix"/>, most downloaded first.</summary>
    public async Task<(int Total, IReadOnlyList<string> Ids)> AutocompleteIdsAsync(string prefix, int skip, int take, bool prerelease, CancellationToken cancellationToken)
    {
        var normalized = prefix.ToLowerInvariant();
        var query = db.Packages.AsNoTracking()
            .Where(p => p.NormalizedId.StartsWith(normalized))
            .Where(p => db.Versions.Any(v => v.RegistrationId == p.Id && v.IsListed && (prerelease || !v.IsPrerelease)));
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var ids = await query.OrderByDescending(p => p.TotalDownloads).ThenBy(p => p.NormalizedId)
            .Skip(skip).Take(take).Select(p => p.PackageId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (total, ids);
    }

    /// <summary>The normalized lowercase form of a version string, or null when it is not a version.</summary>
    public static string? Normalize(string version) =>
        NuGetVersion.TryParse(version, out var parsed) ? parsed.ToNormalizedString().ToLowerInvariant() : null;
}
