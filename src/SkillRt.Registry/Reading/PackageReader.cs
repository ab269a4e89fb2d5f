using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using NuGet.Versioning;
using SkillRt.Registry.Hosting;
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

    /// <summary>
    /// Counts one download of the version and of its package: two atomic increments in the database
    /// (<c>SET Downloads = Downloads + 1</c>), in one transaction, so concurrent downloads on any number
    /// of replicas are all counted and the two counts agree.
    /// </summary>
    public async Task CountDownloadAsync(PackageDownload download, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await db.Versions.Where(v => v.Id == download.VersionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Downloads, v => v.Downloads + 1), cancellationToken).ConfigureAwait(false);
                await db.Packages.Where(p => p.Id == download.RegistrationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.TotalDownloads, p => p.TotalDownloads + 1), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        RegistryTelemetry.Downloads.Add(1);
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
