using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NuGet.Versioning;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// What owners do to a version after publishing it, besides unlisting: deprecate it (NuGet's
/// deprecation, shown by NuGet clients and <c>skillrt install</c>), yank it (ranges skip it, an exact
/// version still installs it) and, within <see cref="LifecycleOptions.DeleteWindow"/> of publishing and
/// only when no other package's version depends on it, delete it for good. Each change and its audit
/// entry are written in one transaction; a request that changes nothing (yanking a yanked version)
/// succeeds and records nothing.
/// </summary>
internal sealed partial class PackageLifecycle(
    RegistryDbContext database,
    PackageOwners packageOwners,
    IRegistryAudit audit,
    IBlobStore blobs,
    IOptions<LifecycleOptions> options,
    RegistryGeneration generation,
    TimeProvider time,
    ILogger<PackageLifecycle> logger)
{
    // How many dependents a refused delete names; the rest are counted.
    private const int NamedDependents = 5;

    /// <summary>Sets (or, with null, clears) the deprecation of a version.</summary>
    public async Task<PublishProblem?> SetDeprecationAsync(ServerCaller caller, string id, string version, ValidDeprecation? deprecation, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindOwnedAsync(caller, id, version, cancellationToken).ConfigureAwait(false);
        if (found is not var (package, record))
        {
            return problem;
        }

        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var lifecycle = await LifecycleOfAsync(record.Id, create: deprecation is not null, cancellationToken).ConfigureAwait(false);
        if (deprecation is null)
        {
            if (lifecycle is not { IsDeprecated: true })
            {
                return null;
            }

            lifecycle.DeprecationReasons = null;
            lifecycle.DeprecationMessage = null;
            lifecycle.AlternatePackageId = null;
            lifecycle.AlternatePackageRange = null;
            lifecycle.DeprecatedAt = null;
            await audit.RecordAsync(new RegistryAuditEvent(RegistryAuditActions.Undeprecate) { PackageId = package.PackageId, PackageVersion = record.Version }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            lifecycle!.DeprecationReasons = string.Join(' ', deprecation.Reasons);
            lifecycle.DeprecationMessage = deprecation.Message;
            lifecycle.AlternatePackageId = deprecation.AlternatePackageId;
            lifecycle.AlternatePackageRange = deprecation.AlternatePackageRange;
            lifecycle.DeprecatedAt = time.GetUtcNow().UtcDateTime;
            var details = new JsonObject
            {
                ["reasons"] = new JsonArray(deprecation.Reasons.Select(r => (JsonNode)r).ToArray()),
                ["message"] = deprecation.Message,
                ["alternatePackage"] = deprecation.AlternatePackageId is null
                    ? null
                    : new JsonObject { ["id"] = deprecation.AlternatePackageId, ["range"] = deprecation.AlternatePackageRange ?? "*" },
            };
            await audit.RecordAsync(new RegistryAuditEvent(RegistryAuditActions.Deprecate) { PackageId = package.PackageId, PackageVersion = record.Version, Details = details }, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        generation.Advance();
        LogChanged(logger, package.PackageId, record.Version, deprecation is null ? "undeprecated" : "deprecated", caller.AccountName);
        return null;
    }

    /// <summary>Yanks (<paramref name="yanked"/> true) or restores a version.</summary>
    public async Task<PublishProblem?> SetYankedAsync(ServerCaller caller, string id, string version, bool yanked, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindOwnedAsync(caller, id, version, cancellationToken).ConfigureAwait(false);
        if (found is not var (package, record))
        {
            return problem;
        }

        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var lifecycle = await LifecycleOfAsync(record.Id, create: yanked, cancellationToken).ConfigureAwait(false);
        if ((lifecycle?.IsYanked ?? false) == yanked)
        {
            return null;
        }

        lifecycle!.IsYanked = yanked;
        lifecycle.YankedAt = yanked ? time.GetUtcNow().UtcDateTime : null;
        await audit.RecordAsync(new RegistryAuditEvent(yanked ? RegistryAuditActions.Yank : RegistryAuditActions.Unyank) { PackageId = package.PackageId, PackageVersion = record.Version }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        generation.Advance();
        LogChanged(logger, package.PackageId, record.Version, yanked ? "yanked" : "unyanked", caller.AccountName);
        return null;
    }

    /// <summary>
    /// Deletes a version for good: refused after the deletion window and while another package's version
    /// depends on it. Its ID and version are kept as a tombstone (never published again), and its blob is
    /// deleted unless another version has the same bytes.
    /// </summary>
    public async Task<PublishProblem?> DeleteAsync(ServerCaller caller, string id, string version, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindOwnedAsync(caller, id, version, cancellationToken).ConfigureAwait(false);
        if (found is not var (package, record))
        {
            return problem;
        }

        var window = options.Value.DeleteWindow;
        var publishedAt = DateTime.SpecifyKind(record.PublishedAt, DateTimeKind.Utc);
        var now = time.GetUtcNow().UtcDateTime;
        if (window == TimeSpan.Zero)
        {
            return PublishProblem.Forbidden(
                "Deleting is turned off",
                $"This registry does not delete versions ({LifecycleOptions.SectionName}:DeleteWindow is 0). {Instead(package.PackageId, record.Version)}");
        }

        if (now - publishedAt > window)
        {
            return PublishProblem.Conflict(
                "Deletion window passed",
                $"'{package.PackageId}' {record.Version} was published {publishedAt:yyyy-MM-dd HH:mm} UTC, more than {Describe(window)} ago, and may be installed somewhere: a version can only be deleted within {Describe(window)} of publishing. {Instead(package.PackageId, record.Version)}");
        }

        var dependents = await DependentsAsync(package, record, cancellationToken).ConfigureAwait(false);
        if (dependents.Count > 0)
        {
            var named = string.Join(", ", dependents.Take(NamedDependents));
            var more = dependents.Count > NamedDependents ? $" and {dependents.Count - NamedDependents} more" : "";
            return PublishProblem.Conflict(
                "Other packages depend on this version",
                $"{named}{more} depend{(dependents.Count == 1 ? "s" : "")} on '{package.PackageId}' with a range that includes {record.Version}; deleting it would break them. Ask their owners to move off it, or {Instead(package.PackageId, record.Version, lowercase: true)}");
        }

        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Executed deletes, not tracked ones: the lifecycle row goes first (a foreign key), whether or not it exists.
            await database.Set<VersionLifecycle>().Where(l => l.VersionId == record.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var deleted = await database.Versions.Where(v => v.Id == record.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (deleted == 0)
            {
                // Another request deleted it first; it recorded the tombstone and the audit entry.
                return null;
            }

            database.Add(new PackageTombstone
            {
                NormalizedId = package.NormalizedId,
                NormalizedVersion = record.NormalizedVersion,
                PackageId = package.PackageId,
                Version = record.Version,
                PackageSha256 = record.PackageSha256,
                PublishedAt = record.PublishedAt,
                DeletedAt = now,
                DeletedByAccountId = caller.AccountId,
            });
            await audit.RecordAsync(
                new RegistryAuditEvent(RegistryAuditActions.Delete)
                {
                    PackageId = package.PackageId,
                    PackageVersion = record.Version,
                    Details = new JsonObject { ["sha256"] = record.PackageSha256, ["publishedAt"] = publishedAt.ToString("O") },
                },
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        generation.Advance();
        await DeleteBlobUnlessReferencedAsync(record.PackageSha256).ConfigureAwait(false);
        LogChanged(logger, package.PackageId, record.Version, "deleted", caller.AccountName);
        return null;
    }

    /// <summary>
    /// The versions of other packages on this registry that declare a dependency on this ID with a range
    /// that includes this version, as <c>Id Version</c>, sorted. Unlisted and yanked dependents count: an
    /// exact version still installs them. The JSON filter narrows the scan in the database; the ranges are
    /// then read with NuGet's own rules.
    /// </summary>
    private async Task<List<string>> DependentsAsync(PackageRegistration package, PackageVersionRecord record, CancellationToken cancellationToken)
    {
        var quotedId = "\"" + package.NormalizedId + "\"";
        // lower() in SQL on both engines (PostgreSQL's LIKE is case-sensitive); package IDs are ASCII.
#pragma warning disable CA1304, CA1311, CA1862
        var candidates = await database.Versions.AsNoTracking()
            .Where(v => v.RegistrationId != package.Id && v.DependencyGroupsJson.ToLower().Contains(quotedId))
            .Join(database.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new { p.PackageId, v.Version, v.DependencyGroupsJson })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore CA1304, CA1311, CA1862
        var version = NuGetVersion.Parse(record.Version);
        return candidates
            .Where(c => StoredDependencyGroup.Parse(c.DependencyGroupsJson)
                .SelectMany(g => g.Dependencies ?? [])
                .Any(d => string.Equals(d.Id, package.PackageId, StringComparison.OrdinalIgnoreCase) && Includes(d.Range, version)))
            .Select(c => $"{c.PackageId} {c.Version}")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // A range that does not parse is counted as including the version: better to refuse a delete than break a dependent.
    private static bool Includes(string? range, NuGetVersion version) =>
        string.IsNullOrWhiteSpace(range) || !VersionRange.TryParse(range, out var parsed) || parsed.Satisfies(version);

    /// <summary>The version, after checking the key's patterns and that the caller is an owner; or the problem (403, 404).</summary>
    private async Task<((PackageRegistration Package, PackageVersionRecord Version)? Found, PublishProblem? Problem)> FindOwnedAsync(
        ServerCaller caller, string id, string version, CancellationToken cancellationToken)
    {
        if (!caller.MayActOn(id))
        {
            return (null, PackagePublisher.OutsidePatterns(caller, id));
        }

        var normalizedId = id.ToLowerInvariant();
        var package = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            return (null, PublishProblem.NotFound("Unknown package", $"There is no package '{PackageInspector.Shorten(id)}' on this registry; check the ID ('skillrt search' lists packages)."));
        }

        if (await packageOwners.NotAnOwnerAsync(caller, package, cancellationToken).ConfigureAwait(false) is { } notOwner)
        {
            return (null, notOwner);
        }

        var normalizedVersion = PackageReader.Normalize(version);
        var record = normalizedVersion is null
            ? null
            : await database.Versions.AsNoTracking().SingleOrDefaultAsync(v => v.RegistrationId == package.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (null, PublishProblem.NotFound("Unknown version", $"'{package.PackageId}' has no version '{PackageInspector.Shorten(version)}' on this registry; its versions are at v3/flatcontainer/{normalizedId}/index.json."));
        }

        return ((package, record), null);
    }

    private async Task<VersionLifecycle?> LifecycleOfAsync(Guid versionId, bool create, CancellationToken cancellationToken)
    {
        var lifecycle = await database.Set<VersionLifecycle>().SingleOrDefaultAsync(l => l.VersionId == versionId, cancellationToken).ConfigureAwait(false);
        if (lifecycle is null && create)
        {
            lifecycle = new VersionLifecycle { VersionId = versionId };
            database.Add(lifecycle);
        }

        return lifecycle;
    }

    // Never cancelled: the version is gone, and its blob should go with it. A failure leaves it to the orphan sweep.
    private async Task DeleteBlobUnlessReferencedAsync(string sha256)
    {
        try
        {
            if (!await database.Versions.AnyAsync(v => v.PackageSha256 == sha256, CancellationToken.None).ConfigureAwait(false))
            {
                await blobs.DeleteAsync(sha256, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or IOException or InvalidOperationException)
        {
            LogBlobCleanupFailed(logger, sha256, exception.Message);
        }
    }

    private static string Instead(string id, string version, bool lowercase = false) =>
        (lowercase ? "u" : "U") + $"nlist it ('skillrt unlist {id} {version}'), deprecate it ('skillrt deprecate {id} {version} --reason legacy --alternative <id>') or yank it ('skillrt yank {id} {version}') instead.";

    private static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? $"{window.TotalHours:0} hours" : window.ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "{PackageId} {PackageVersion} {Change} by {Account}")]
    private static partial void LogChanged(ILogger logger, string packageId, string packageVersion, string change, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the blob {Sha256} of a deleted version ({Reason}); the orphan sweep will")]
    private static partial void LogBlobCleanupFailed(ILogger logger, string sha256, string reason);
}
