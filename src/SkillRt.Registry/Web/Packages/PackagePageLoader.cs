using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using NuGet.Versioning;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Signing;
using SkillRt.Registry.Storage;
using SkillRt.Registry.TransparencyLog;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// Loads the skill page of <c>/packages/{id}</c> (the latest listed version) or
/// <c>/packages/{id}/{version}</c> (any version, unlisted, deprecated and yanked ones included). A
/// quarantined version exists only for administrators and the members of the package's owners (as
/// in the findings API); for everyone else the page is a 404, and quarantined versions are left out
/// of the versions table. The same viewers see the scanner's findings.
/// A view costs a fixed number of indexed queries, whatever the number of versions or skills
/// (package, owners, versions, lifecycle, namespace, signature, log entry and size, owner names),
/// plus the version's content once per version (<see cref="VersionContentCache"/>). Visitors who are
/// not signed in share whole pages (<see cref="PackagePageCache"/>).
/// </summary>
internal sealed class PackagePageLoader(
    RegistryDbContext database,
    PackageOwners packageOwners,
    IOwnerDirectory directory,
    NamespaceGate namespaces,
    TransparencyLogReader log,
    VersionContentCache cache,
    VersionContentBuilder builder,
    PackagePageCache pages)
{
    /// <summary>The page, or null when the package or version does not exist for <paramref name="viewer"/>.</summary>
    public async Task<PackagePageView?> LoadAsync(string id, string? version, ServerCaller? viewer, CancellationToken cancellationToken)
    {
        if (id.Length > 128 || version is { Length: > 128 })
        {
            return null;
        }

        string? normalizedVersion = null;
        if (version is not null && (normalizedVersion = PackageReader.Normalize(version)) is null)
        {
            return null;
        }

        var normalizedId = id.ToLowerInvariant();
        return viewer is null
            ? await pages.GetOrLoadAsync(normalizedId, normalizedVersion, () => LoadUncachedAsync(normalizedId, normalizedVersion, viewer: null, cancellationToken)).ConfigureAwait(false)
            : await LoadUncachedAsync(normalizedId, normalizedVersion, viewer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PackagePageView?> LoadUncachedAsync(string normalizedId, string? normalizedVersion, ServerCaller? viewer, CancellationToken cancellationToken)
    {
        // One connection for the page's dozen queries: EF would otherwise take one from the pool and
        // give it back around each query, and that pool's lock is where concurrent views queue.
        await database.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadOpenAsync(normalizedId, normalizedVersion, viewer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await database.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<PackagePageView?> LoadOpenAsync(string normalizedId, string? normalizedVersion, ServerCaller? viewer, CancellationToken cancellationToken)
    {
        var package = await database.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            return null;
        }

        var ownerIds = await packageOwners.OwnerIdsAsync(package, cancellationToken).ConfigureAwait(false);
        var privileged = await MaySeeQuarantinedAsync(viewer, package, ownerIds, cancellationToken).ConfigureAwait(false);
        var versions = await VersionsAsync(package.Id, privileged, cancellationToken).ConfigureAwait(false);
        var current = normalizedVersion is null
            ? Latest(versions)
            : versions.FirstOrDefault(v => v.NormalizedVersion == normalizedVersion);
        if (current is null)
        {
            return null;
        }

        var content = await cache.GetOrBuildAsync(current.Id, async ct =>
        {
            var record = await database.Versions.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.Id == current.Id, ct).ConfigureAwait(false);
            return await builder.BuildAsync(package.PackageId, record, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var owners = await directory.GetAsync(ownerIds, cancellationToken).ConfigureAwait(false);
        var reservation = await namespaces.LongestMatchAsync(package.PackageId, cancellationToken).ConfigureAwait(false);
        var verified = reservation is { VerifiedAt: not null } && ownerIds.Contains(reservation.OwnerId) ? reservation.VerifiedDomain ?? reservation.Prefix : null;
        var signature = await SignatureAsync(current.Id, ownerIds, owners, cancellationToken).ConfigureAwait(false);
        var entry = await log.FindAsync(package.PackageId, current.NormalizedVersion, cancellationToken).ConfigureAwait(false);
        var logStatus = entry is null ? null : new LogStatus(entry.LeafIndex, await log.SizeAsync(cancellationToken).ConfigureAwait(false), entry.AppendedAt);
        var findings = privileged ? await FindingsAsync(current.Id, cancellationToken).ConfigureAwait(false) : null;
        var dependencyPackages = await SkillDependencyPackagesAsync(content, cancellationToken).ConfigureAwait(false);

        return new PackagePageView(
            package.PackageId,
            current,
            normalizedVersion is null || current.Id == Latest(versions)?.Id,
            content,
            ownerIds.Where(owners.ContainsKey).Select(o => owners[o]).ToList(),
            verified,
            package.TotalDownloads,
            versions.OrderByDescending(v => NuGetVersion.Parse(v.Version), VersionComparer.Default).ToList(),
            signature,
            logStatus,
            findings,
            dependencyPackages);
    }

    // Administrators (with the admin scope) and members of one of the package's owners whose key covers the package.
    private async Task<bool> MaySeeQuarantinedAsync(ServerCaller? viewer, PackageRegistration package, IReadOnlyList<Guid> ownerIds, CancellationToken cancellationToken)
    {
        if (viewer is null)
        {
            return false;
        }

        if (viewer.IsAdministrator && viewer.HasScope(ApiKeyScopes.Admin))
        {
            return true;
        }

        if (!viewer.MayActOn(package.PackageId))
        {
            return false;
        }

        var memberOf = await directory.GetOwnersOfAsync(viewer.AccountId, cancellationToken).ConfigureAwait(false);
        return memberOf.Any(o => ownerIds.Contains(o.Id));
    }

    private async Task<List<VersionRow>> VersionsAsync(Guid registrationId, bool withQuarantined, CancellationToken cancellationToken)
    {
        var query = withQuarantined ? database.Versions.IgnoreQueryFilters() : database.Versions;
        var rows = await query.AsNoTracking()
            .Where(v => v.RegistrationId == registrationId)
            .Select(v => new { v.Id, v.Version, v.NormalizedVersion, v.PublishedAt, v.Downloads, v.IsListed, v.IsPrerelease, v.IsQuarantined })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.Id).ToList();
        var lifecycle = await database.Set<VersionLifecycle>().AsNoTracking()
            .Where(l => ids.Contains(l.VersionId))
            .ToDictionaryAsync(l => l.VersionId, cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            lifecycle.TryGetValue(r.Id, out var state);
            return new VersionRow(
                r.Id, r.Version, r.NormalizedVersion, r.PublishedAt, r.Downloads, r.IsListed, r.IsPrerelease, r.IsQuarantined,
                state?.IsYanked ?? false,
                state?.DeprecationReasons?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
                state?.DeprecationMessage,
                state?.AlternatePackageId,
                state?.AlternatePackageRange);
        }).ToList();
    }

    // NuGet's "latest": the highest listed stable version, else the highest listed prerelease; a package
    // with nothing listed shows its highest version, marked unlisted, rather than a 404 for an ID that exists.
    private static VersionRow? Latest(IReadOnlyList<VersionRow> versions)
    {
        var visible = versions.Where(v => !v.IsQuarantined).ToList();
        return Highest(visible.Where(v => v.IsListed && !v.IsPrerelease))
            ?? Highest(visible.Where(v => v.IsListed))
            ?? Highest(visible);
    }

    private static VersionRow? Highest(IEnumerable<VersionRow> versions) =>
        versions.OrderByDescending(v => NuGetVersion.Parse(v.Version), VersionComparer.Default).FirstOrDefault();

    private async Task<SignatureStatus?> SignatureAsync(Guid versionId, IReadOnlyList<Guid> ownerIds, IReadOnlyDictionary<Guid, OwnerInfo> owners, CancellationToken cancellationToken)
    {
        var signature = await database.Set<VersionSignatureRecord>().AsNoTracking()
            .Where(s => s.VersionId == versionId)
            .Select(s => new { s.KeyId, s.SignedAt })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (signature is null)
        {
            return null;
        }

        var key = await database.Set<SigningKeyRecord>().AsNoTracking()
            .Where(k => k.KeyId == signature.KeyId && ownerIds.Contains(k.OwnerId))
            .Select(k => new { k.Name, k.OwnerId, k.RevokedAt })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new SignatureStatus(
            signature.KeyId,
            key?.Name,
            key is not null && owners.TryGetValue(key.OwnerId, out var owner) ? owner.Name : null,
            key?.RevokedAt is not null,
            signature.SignedAt);
    }

    private async Task<IReadOnlyList<FindingRow>> FindingsAsync(Guid versionId, CancellationToken cancellationToken) =>
        await database.Set<VersionFinding>().AsNoTracking()
            .Where(f => f.VersionId == versionId)
            .OrderBy(f => f.Ordinal)
            .Select(f => new FindingRow(f.Severity, f.RuleId, f.Message, f.File, f.Line, f.Fix))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The package each skill dependency comes from, by skill name: a package whose ID is the name, or
    /// whose tags carry <c>skillrt-skill-{name}</c> (how <c>skillrt install</c> finds it). Skills of the
    /// version itself link within the page and are not looked up. One query, only when there are any.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> SkillDependencyPackagesAsync(VersionContent content, CancellationToken cancellationToken)
    {
        var own = content.Skills.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var names = content.Skills.SelectMany(s => s.SkillDependencies).Select(d => d.Name).Where(n => !own.Contains(n)).Distinct(StringComparer.Ordinal).Take(32).ToList();
        if (names.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var lowered = names.Select(n => n.ToLowerInvariant()).ToList();
        var candidates = await database.Versions.AsNoTracking()
            .Where(v => v.IsListed)
            .Where(TaggedWithAny(lowered.Select(n => "skillrt-skill-" + n)))
            .Join(database.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new DependencyCandidate(p.PackageId, p.TotalDownloads, v.Tags))
            .Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        candidates.AddRange(await database.Packages.AsNoTracking()
            .Where(p => lowered.Contains(p.NormalizedId))
            .Select(p => new DependencyCandidate(p.PackageId, p.TotalDownloads, null))
            .ToListAsync(cancellationToken).ConfigureAwait(false));

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var tag = "skillrt-skill-" + name.ToLowerInvariant();
            var match = candidates
                .Where(c => string.Equals(c.PackageId, name, StringComparison.OrdinalIgnoreCase)
                    || RegistrationEndpoints.SplitTags(c.Tags).Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(c => string.Equals(c.PackageId, name, StringComparison.OrdinalIgnoreCase))
                .ThenByDescending(c => c.TotalDownloads)
                .FirstOrDefault();
            if (match is not null)
            {
                found[name] = match.PackageId;
            }
        }

        return found;
    }

    // v => v.Tags != null && (v.Tags.Contains(tag1) || v.Tags.Contains(tag2) …); the exact word is checked after.
    private static Expression<Func<PackageVersionRecord, bool>> TaggedWithAny(IEnumerable<string> tags)
    {
        var version = Expression.Parameter(typeof(PackageVersionRecord), "v");
        var column = Expression.Property(version, nameof(PackageVersionRecord.Tags));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression any = Expression.Constant(false);
        foreach (var tag in tags)
        {
            any = Expression.OrElse(any, Expression.Call(column, contains, Expression.Constant(tag)));
        }

        return Expression.Lambda<Func<PackageVersionRecord, bool>>(Expression.AndAlso(Expression.NotEqual(column, Expression.Constant(null, typeof(string))), any), version);
    }

    private sealed record DependencyCandidate(string PackageId, long TotalDownloads, string? Tags);
}
