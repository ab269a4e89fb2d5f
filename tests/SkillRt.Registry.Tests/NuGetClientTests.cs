using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// NuGet.Protocol, the library <c>dotnet restore</c> and <c>dotnet add package</c> use, reads the feed:
/// versions and download (FindPackageByIdResource), metadata (PackageMetadataResource), search.
/// </summary>
public sealed class NuGetClientTests(NuGetClientTests.Fixture fixture) : IClassFixture<NuGetClientTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Fixture : SeededRegistryFixture
    {
        internal override async Task SeedAsync(CancellationToken cancellationToken)
        {
            await Seeder.AddAsync(Skill("1.0.0"), new SkillFacts { Runtimes = ["process"] }, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("1.1.0"), new SkillFacts { Runtimes = ["process"] }, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("1.2.0"), listed: false, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("2.0.0-beta.1+sha.abc"), cancellationToken: cancellationToken);
        }

        private static SkillPackageBuilder Skill(string version) =>
            new SkillPackageBuilder("Contoso.PrReview", version) { Description = "Reviews a pull request." }.AddStructuredSkill("pr-review", "Reviews a pull request.");
    }

    private SourceRepository Feed()
    {
        var source = new PackageSource(fixture.SourceUrl) { AllowInsecureConnections = true };
        return NuGet.Protocol.Core.Types.Repository.Factory.GetCoreV3(source);
    }

    [Fact]
    public async Task FindPackageById_lists_versions_and_downloads_a_package_restore_can_read()
    {
        var resource = (await Feed().GetResourceAsync<FindPackageByIdResource>(Ct))!;
        using var cache = new SourceCacheContext { NoCache = true };
        var versions = (await resource.GetAllVersionsAsync("contoso.prreview", cache, NullLogger.Instance, Ct)).ToList();
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"], versions.Select(v => v.ToNormalizedString()).ToArray());

        using var package = new MemoryStream();
        Assert.True(await resource.CopyNupkgToStreamAsync("Contoso.PrReview", NuGetVersion.Parse("1.1.0"), package, cache, NullLogger.Instance, Ct));
        package.Position = 0;
        using var reader = new PackageArchiveReader(package);
        Assert.Equal("Contoso.PrReview", reader.NuspecReader.GetId());
        Assert.Equal("1.1.0", reader.NuspecReader.GetVersion().ToNormalizedString());
        Assert.Contains("skills/pr-review/SKILL.md", reader.GetFiles());

        Assert.Empty(await resource.GetAllVersionsAsync("no.such.package", cache, NullLogger.Instance, Ct));
    }

    [Fact]
    public async Task PackageMetadata_reads_every_version_with_its_listing_and_dependencies()
    {
        var resource = (await Feed().GetResourceAsync<PackageMetadataResource>(Ct))!;
        using var cache = new SourceCacheContext { NoCache = true };
        var all = (await resource.GetMetadataAsync("Contoso.PrReview", includePrerelease: true, includeUnlisted: true, cache, NullLogger.Instance, Ct)).ToList();
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"], all.Select(m => m.Identity.Version.ToNormalizedString()).Order(StringComparer.Ordinal).ToArray());
        var first = all.Single(m => m.Identity.Version.ToNormalizedString() == "1.0.0");
        Assert.Equal("Reviews a pull request.", first.Description);
        Assert.Equal("SkillRt tests", first.Authors);
        Assert.Contains("skillrt", first.Tags, StringComparison.Ordinal);
        Assert.Equal("net8.0", first.DependencySets.Single().TargetFramework.GetShortFolderName());

        var listedStable = (await resource.GetMetadataAsync("Contoso.PrReview", includePrerelease: false, includeUnlisted: false, cache, NullLogger.Instance, Ct)).ToList();
        Assert.Equal(["1.0.0", "1.1.0"], listedStable.Select(m => m.Identity.Version.ToNormalizedString()).Order(StringComparer.Ordinal).ToArray());

        var one = await resource.GetMetadataAsync(new NuGet.Packaging.Core.PackageIdentity("Contoso.PrReview", NuGetVersion.Parse("2.0.0-beta.1")), cache, NullLogger.Instance, Ct);
        Assert.Equal("2.0.0-beta.1+sha.abc", one.Identity.Version.ToFullString());
    }

    [Fact]
    public async Task PackageSearch_finds_the_package_with_its_versions_and_filters()
    {
        var resource = (await Feed().GetResourceAsync<PackageSearchResource>(Ct))!;
        var results = (await resource.SearchAsync("review", new SearchFilter(includePrerelease: false), 0, 20, NullLogger.Instance, Ct)).ToList();
        var hit = Assert.Single(results);
        Assert.Equal("Contoso.PrReview", hit.Identity.Id);
        Assert.Equal("1.1.0", hit.Identity.Version.ToNormalizedString());
        Assert.Equal("Reviews a pull request.", hit.Description);
        var versions = (await hit.GetVersionsAsync()).Select(v => v.Version.ToNormalizedString()).ToArray();
        Assert.Equal(["1.0.0", "1.1.0"], versions.Order(StringComparer.Ordinal).ToArray());

        var prerelease = Assert.Single(await resource.SearchAsync("runtime:model", new SearchFilter(includePrerelease: true), 0, 20, NullLogger.Instance, Ct));
        Assert.Equal("2.0.0-beta.1", prerelease.Identity.Version.ToNormalizedString());
        Assert.Empty(await resource.SearchAsync("runtime:model", new SearchFilter(includePrerelease: false), 0, 20, NullLogger.Instance, Ct));
    }

    [Fact]
    public async Task Autocomplete_resource_reads_IDs_and_versions()
    {
        var resource = (await Feed().GetResourceAsync<AutoCompleteResource>(Ct))!;
        Assert.Equal(["Contoso.PrReview"], (await resource.IdStartsWith("contoso", includePrerelease: false, NullLogger.Instance, Ct)).ToArray());
        var versions = await resource.VersionStartsWith("Contoso.PrReview", "1.", includePrerelease: false, new SourceCacheContext(), NullLogger.Instance, Ct);
        Assert.Equal(["1.0.0", "1.1.0"], versions.Select(v => v.ToNormalizedString()).ToArray());
    }
}
