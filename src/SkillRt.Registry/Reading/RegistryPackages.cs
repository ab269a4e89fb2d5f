using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NuGet.Packaging;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Storage;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Reading;

/// <summary>The registry's <see cref="IRegistryPackages"/>: its version table through the read path's filters, and the package blobs.</summary>
internal sealed class RegistryPackages(RegistryDbContext db, PackageReader reader, IBlobStore blobs, RegistryGeneration generation) : IRegistryPackages
{
    public long Generation => generation.Current;

    public async Task<IReadOnlyList<RegistryPackageVersion>> ListVersionsAsync(string packageType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageType);

        // The nuspec text narrows the rows in the database; its package types, read properly, decide.
        var needle = packageType.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower() and LIKE/strpos, which take no culture or comparison.
        var rows = await db.Versions.AsNoTracking()
            .Where(v => v.Nuspec.ToLower().Contains(needle))
#pragma warning restore CA1304, CA1311, CA1862
            .Join(db.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new { v.Id, p.PackageId, v.Version, v.IsListed, v.PackageSha256, v.PublishedAt, v.Nuspec })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        rows = [.. rows.Where(r => HasPackageType(r.Nuspec, packageType))];

        // Lifecycle rows exist only for versions ever deprecated or yanked: few, so read them by ID.
        var ids = rows.Select(r => r.Id).ToList();
        var yanked = (await db.Set<VersionLifecycle>().AsNoTracking()
            .Where(l => l.IsYanked && ids.Contains(l.VersionId))
            .Select(l => l.VersionId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false)).ToHashSet();
        return rows
            .Select(r => new RegistryPackageVersion(r.PackageId, r.Version, r.IsListed, r.PackageSha256, new DateTimeOffset(DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc)))
            {
                IsYanked = yanked.Contains(r.Id),
            })
            .ToList();
    }

    public async Task<byte[]?> ReadFileAsync(string packageId, string version, string path, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(path);
        if (await reader.FindVersionAsync(packageId, version, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        var stream = await blobs.OpenReadAsync(found.Version.PackageSha256, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            // A zip needs a seekable stream; an S3 object is not one.
            Stream seekable = stream;
            if (!stream.CanSeek)
            {
                seekable = new MemoryStream();
                await stream.CopyToAsync(seekable, cancellationToken).ConfigureAwait(false);
                seekable.Position = 0;
            }

            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: false);
            var entry = archive.Entries.FirstOrDefault(e => string.Equals(Uri.UnescapeDataString(e.FullName), path, StringComparison.Ordinal));
            if (entry is null || entry.Length > maxBytes)
            {
                return null;
            }

            var content = new MemoryStream((int)entry.Length);
            var input = entry.Open();
            await using (input.ConfigureAwait(false))
            {
                await input.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            }

            return content.ToArray();
        }
    }

    private static bool HasPackageType(string nuspec, string packageType)
    {
        try
        {
            return new NuspecReader(XDocument.Parse(nuspec)).GetPackageTypes().Any(t => string.Equals(t.Name, packageType, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception exception) when (exception is System.Xml.XmlException or InvalidDataException or ArgumentException)
        {
            // Every stored nuspec was read at publish; one that cannot be read now is not of this type.
            return false;
        }
    }
}
