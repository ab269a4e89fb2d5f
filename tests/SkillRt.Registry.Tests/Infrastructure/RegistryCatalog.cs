using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using NuGet.Versioning;
using SkillRt.Registry.Storage;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Records a version whose facts are already known: stores the .nupkg blob, then the package row (the
/// first version creates it) and the version row, in one transaction. Search needs nothing more: the
/// database's triggers queue the package for re-indexing. The read-path tests seed the registry with
/// it, so a search test can give a version exactly the facts it needs; the product records versions
/// only through PackagePublisher, after inspecting and validating the package.
/// </summary>
internal sealed class RegistryCatalog(RegistryDbContext db, IBlobStore blobs, TimeProvider time)
{
    /// <summary>Adds the version; throws <see cref="InvalidOperationException"/> when it exists already.</summary>
    public async Task<PackageVersionRecord> AddVersionAsync(CatalogVersion version, Stream package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(package);
        var parsed = NuGetVersion.Parse(version.Version);
        var blob = await blobs.PutAsync(package, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var normalizedId = version.PackageId.ToLowerInvariant();
        var normalizedVersion = parsed.ToNormalizedString().ToLowerInvariant();

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var registration = await db.Packages.FirstOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
            if (registration is null)
            {
                registration = new PackageRegistration { Id = Guid.NewGuid(), PackageId = version.PackageId, NormalizedId = normalizedId, OwnerId = version.OwnerId, CreatedAt = now };
                db.Packages.Add(registration);
            }
            else if (await db.Versions.AnyAsync(v => v.RegistrationId == registration.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Version {parsed.ToNormalizedString()} of '{registration.PackageId}' exists already.");
            }

            var record = new PackageVersionRecord
            {
                Id = Guid.NewGuid(),
                RegistrationId = registration.Id,
                Version = parsed.ToNormalizedString(),
                NormalizedVersion = normalizedVersion,
                FullVersion = parsed.ToFullString(),
                IsPrerelease = parsed.IsPrerelease,
                IsListed = version.Listed,
                PublishedAt = version.PublishedAt ?? now,
                PackageSha256 = blob.Sha256,
                PackageSize = blob.Length,
                Title = version.Title,
                Description = version.Description,
                Authors = version.Authors,
                Tags = version.Tags,
                ProjectUrl = version.ProjectUrl,
                LicenseExpression = version.LicenseExpression,
                DependencyGroupsJson = version.DependencyGroupsJson,
                ManifestJson = version.ManifestJson,
                Nuspec = version.Nuspec,
                SearchText = SearchText(version),
                Runtimes = Values(version.Runtimes),
                Permissions = Values(version.Permissions),
                OutputTypes = Values(version.OutputTypes),
                Inputs = Values(version.Inputs),
            };
            db.Versions.Add(record);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return record;
        }
    }

    /// <summary>
    /// What <see cref="PackageVersionRecord.SearchText"/> holds: ID, title, description, tags, skill
    /// names, input and output names, space-separated.
    /// </summary>
    public static string SearchText(CatalogVersion version) => string.Join(' ', new[]
    {
        version.PackageId, version.Title, version.Description, version.Tags,
        string.Join(' ', version.SkillNames), string.Join(' ', version.Inputs), string.Join(' ', version.OutputNames),
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string Values(System.Collections.Generic.IEnumerable<string> values) =>
        string.Join(' ', values.Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));
}
