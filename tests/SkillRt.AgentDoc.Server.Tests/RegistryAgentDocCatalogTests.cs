using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Tests;
using SkillRt.Server.AgentDocs;
using Xunit;

namespace SkillRt.AgentDoc.Server.Tests;

/// <summary>The module's catalog over the registry's public read interface: what it serves, and when it reads the registry again.</summary>
public sealed class RegistryAgentDocCatalogTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryPackages _packages = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly RegistryAgentDocCatalog _catalog;

    public RegistryAgentDocCatalogTests()
    {
        _services = new ServiceCollection().AddScoped<IRegistryPackages>(_ => _packages).BuildServiceProvider();
        _catalog = new RegistryAgentDocCatalog(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new AgentDocServerOptions()), _time, NullLogger<RegistryAgentDocCatalog>.Instance);
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Serves_listed_versions_newest_first_and_reads_each_package_once()
    {
        _packages.Add("Contoso.Mailer", "1.0.0", listed: true);
        _packages.Add("Contoso.Mailer", "1.1.0", listed: true);
        _packages.Add("Contoso.Mailer", "2.0.0", listed: false);

        var library = Assert.Single(await _catalog.ListLibrariesAsync(Ct));
        Assert.Equal("contoso.mailer", library.Name);
        Assert.Equal(["1.1.0", "1.0.0"], library.Versions.Select(v => v.Version));
        Assert.NotNull(await _catalog.FindAsync("contoso.mailer", "1.0.0", Ct));
        Assert.Null(await _catalog.FindAsync("contoso.mailer", "2.0.0", Ct));

        // A publish elsewhere in this replica advances the generation: listed again, but old packages are not read again.
        _packages.Add("Contoso.Mailer", "1.2.0", listed: true);
        Assert.Equal(["1.2.0", "1.1.0", "1.0.0"], (await _catalog.ListLibrariesAsync(Ct))[0].Versions.Select(v => v.Version));
        Assert.Equal(2, _packages.Lists);
        Assert.Equal(3, _packages.FileReads);
    }

    [Fact]
    public async Task Keeps_its_list_while_the_generation_holds_and_for_the_refresh_interval_at_most()
    {
        _packages.Add("Contoso.Mailer", "1.0.0", listed: true);
        await _catalog.ListLibrariesAsync(Ct);
        await _catalog.ListLibrariesAsync(Ct);
        Assert.Equal(1, _packages.Lists);

        // Another replica's publish: this replica's generation does not move, so it is seen after the interval.
        _packages.AddWithoutAdvancing("Contoso.Mailer", "1.1.0");
        Assert.Single((await _catalog.ListLibrariesAsync(Ct))[0].Versions);
        _time.Advance(new AgentDocServerOptions().RefreshInterval);
        Assert.Equal(2, (await _catalog.ListLibrariesAsync(Ct))[0].Versions.Count);
        Assert.Equal(2, _packages.Lists);
    }

    /// <summary>The registry's read interface over a list, counting its reads.</summary>
    private sealed class InMemoryPackages : IRegistryPackages
    {
        private readonly List<(RegistryPackageVersion Version, byte[] Doc)> _versions = [];
        private long _generation;

        public int Lists { get; private set; }

        public int FileReads { get; private set; }

        public long Generation => Interlocked.Read(ref _generation);

        public void Add(string id, string version, bool listed)
        {
            AddWithoutAdvancing(id, version, listed);
            Interlocked.Increment(ref _generation);
        }

        public void AddWithoutAdvancing(string id, string version, bool listed = true)
        {
            var yaml = $"agentDoc: \"0.1\"\nidentity:\n  name: {id.ToLowerInvariant()}\n  version: {version}\nsummary: Sends email.\n";
            _versions.Add((new RegistryPackageVersion(id, version, listed, Convert.ToHexString(Encoding.UTF8.GetBytes(id + version)), DateTimeOffset.UnixEpoch.AddDays(_versions.Count)), Encoding.UTF8.GetBytes(yaml)));
        }

        public Task<IReadOnlyList<RegistryPackageVersion>> ListVersionsAsync(string packageType, CancellationToken cancellationToken)
        {
            Assert.Equal(AgentDocPackages.PackageType, packageType);
            Lists++;
            return Task.FromResult<IReadOnlyList<RegistryPackageVersion>>(_versions.Select(v => v.Version).ToList());
        }

        public Task<byte[]?> ReadFileAsync(string packageId, string version, string path, int maxBytes, CancellationToken cancellationToken)
        {
            Assert.Equal(AgentDocPackages.FileName, path);
            FileReads++;
            return Task.FromResult<byte[]?>(_versions.Single(v => v.Version.PackageId == packageId && v.Version.Version == version).Doc);
        }
    }
}
