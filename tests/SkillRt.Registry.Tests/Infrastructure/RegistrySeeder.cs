using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NuGet.Packaging;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;
using SkillRt.Tests;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Records versions straight into a running server's storage (its SQLite database and blob folder,
/// through the registry's own <see cref="RegistryCatalog"/> built on the same data directory), so the
/// read path can be tested before and independently of publish. The server's search picks them up
/// through the database triggers, as it would a publish.
/// </summary>
internal sealed class RegistrySeeder : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RegistrySeeder(ServerProcess server, IReadOnlyDictionary<string, string> settings)
    {
        var values = new Dictionary<string, string?> { ["SkillRt:DataDirectory"] = server.DataDirectory };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSkillRtServer(configuration).AddSkillRegistry();
        services.AddScoped<RegistryCatalog>();
        _services = services.BuildServiceProvider();
    }

    /// <summary>The ID of an owner (the first administrator's is <c>admin</c>).</summary>
    public async Task<Guid> OwnerIdAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<IOwnerDirectory>().FindAsync(name, cancellationToken);
        return owner?.Id ?? throw new InvalidOperationException($"The server has no owner '{name}'.");
    }

    /// <summary>Records the package's version with the nuspec's metadata and the given skill facts; returns the .nupkg recorded.</summary>
    public async Task<byte[]> AddAsync(SkillPackageBuilder package, SkillFacts? facts = null, bool listed = true, string owner = "admin", CancellationToken cancellationToken = default)
    {
        facts ??= new SkillFacts();
        var bytes = package.Build();
        using var archive = new PackageArchiveReader(new MemoryStream(bytes));
        var nuspecText = await new StreamReader(archive.GetNuspec()).ReadToEndAsync(cancellationToken);
        var nuspec = new NuspecReader(XDocument.Parse(nuspecText));
        var version = new CatalogVersion
        {
            PackageId = nuspec.GetId(),
            Version = nuspec.GetVersion().ToFullString(),
            OwnerId = await OwnerIdAsync(owner, cancellationToken),
            Nuspec = nuspecText,
            Title = nuspec.GetTitle(),
            Description = nuspec.GetDescription(),
            Authors = nuspec.GetAuthors(),
            Tags = nuspec.GetTags(),
            DependencyGroupsJson = StoredDependencyGroup.Serialize(nuspec.GetDependencyGroups()),
            ManifestJson = facts.ManifestJson,
            SkillNames = facts.SkillNames,
            Runtimes = facts.Runtimes,
            Permissions = facts.Permissions,
            OutputTypes = facts.OutputTypes,
            Inputs = facts.Inputs,
            Listed = listed,
        };

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistryCatalog>().AddVersionAsync(version, new MemoryStream(bytes), cancellationToken);
        return bytes;
    }

    /// <summary>Reserves <paramref name="prefix"/> for <paramref name="owner"/>, as verified with a domain when asked.</summary>
    public async Task ReservePrefixAsync(string prefix, string owner, bool verified, CancellationToken cancellationToken = default)
    {
        var ownerId = await OwnerIdAsync(owner, cancellationToken);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Set<PrefixReservation>().Add(new PrefixReservation
        {
            Id = Guid.NewGuid(),
            Prefix = prefix,
            NormalizedPrefix = NamespacePrefix.Normalize(prefix),
            OwnerId = ownerId,
            ReservedByAccountId = ownerId,
            ReservedAt = DateTime.UtcNow,
            VerifiedDomain = verified ? "example.com" : null,
            VerifiedAt = verified ? DateTime.UtcNow : null,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Makes <paramref name="owner"/> a co-owner of the package.</summary>
    public async Task AddCoOwnerAsync(string packageId, string owner, CancellationToken cancellationToken = default)
    {
        var ownerId = await OwnerIdAsync(owner, cancellationToken);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var normalizedId = packageId.ToLowerInvariant();
        var registration = await db.Packages.SingleAsync(p => p.NormalizedId == normalizedId, cancellationToken);
        db.Set<PackageCoOwner>().Add(new PackageCoOwner { RegistrationId = registration.Id, OwnerId = ownerId, AddedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
