using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.LifecycleHarness;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Deprecating, yanking and deleting versions on a real server: what registration documents (and so
/// NuGet's own client) show, who may do it, the deletion window, dependents, and tombstones.
/// </summary>
public sealed class LifecycleTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task A_deprecation_shows_in_registration_in_NuGets_shape_and_NuGets_client_reads_it()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Old", "1.0.0");
        await NoContentAsync(DeprecateAsync(Server, Admin, "Lifecycle.Old", "1.0.0", new
        {
            reasons = new[] { "legacy", "CriticalBugs" },
            message = "Use Lifecycle.New: this one loses data.",
            alternatePackage = new { id = "Lifecycle.New", range = "2.0.0" },
        }));

        var deprecation = (await CatalogEntryAsync(Server, "Lifecycle.Old", "1.0.0")).GetProperty("deprecation");
        Assert.Equal(["Legacy", "CriticalBugs"], deprecation.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Use Lifecycle.New: this one loses data.", deprecation.GetProperty("message").GetString());
        Assert.Equal("Lifecycle.New", deprecation.GetProperty("alternatePackage").GetProperty("id").GetString());
        Assert.Equal("[2.0.0, )", deprecation.GetProperty("alternatePackage").GetProperty("range").GetString());

        var source = new PackageSource(fixture.SourceUrl) { AllowInsecureConnections = true };
        var metadata = (await Repository.Factory.GetCoreV3(source).GetResourceAsync<PackageMetadataResource>(Ct))!;
        using var cache = new SourceCacheContext { NoCache = true };
        var version = await metadata.GetMetadataAsync(new NuGet.Packaging.Core.PackageIdentity("Lifecycle.Old", NuGetVersion.Parse("1.0.0")), cache, NullLogger.Instance, Ct);
        var seen = await version!.GetDeprecationMetadataAsync();
        Assert.NotNull(seen);
        Assert.Equal(["Legacy", "CriticalBugs"], seen.Reasons);
        Assert.Equal("Use Lifecycle.New: this one loses data.", seen.Message);
        Assert.NotNull(seen.AlternatePackage);
        Assert.Equal("Lifecycle.New", seen.AlternatePackage.PackageId);
        Assert.Equal(VersionRange.Parse("[2.0.0, )"), seen.AlternatePackage.Range);

        await NoContentAsync(SendAsync(Server, HttpMethod.Delete, "api/v2/package/Lifecycle.Old/1.0.0/deprecation", Admin));
        Assert.False((await CatalogEntryAsync(Server, "Lifecycle.Old", "1.0.0")).TryGetProperty("deprecation", out _));
    }

    [Theory]
    [InlineData("""{"reasons": []}""", "reasons")]
    [InlineData("""{"reasons": ["Obsolete"]}""", "'Obsolete' is not a deprecation reason")]
    [InlineData("""{"reasons": ["Other"]}""", "needs a message")]
    [InlineData("""{"reasons": ["Legacy"], "alternatePackage": {"id": "not a package id"}}""", "alternatePackage.id")]
    [InlineData("""{"reasons": ["Legacy"], "alternatePackage": {"id": "Lifecycle.New", "range": "[2.0"}}""", "alternatePackage.range")]
    public async Task An_invalid_deprecation_is_refused_naming_the_field(string body, string expected)
    {
        // The body is checked before the version is looked up: no version needs publishing.
        using var client = Server.CreateClient(Admin);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PutAsync("api/v2/package/Lifecycle.BadDeprecation/1.0.0/deprecation", content, Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_owner_changes_a_versions_lifecycle()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Owned", "1.0.0");
        var stranger = await CreateAccountAsync(Server, Admin, "lifecycle-stranger");

        await ProblemAsync(await DeprecateAsync(Server, stranger, "Lifecycle.Owned", "1.0.0", new { reasons = new[] { "Legacy" } }), HttpStatusCode.Forbidden);
        await ProblemAsync(await YankAsync(Server, stranger, "Lifecycle.Owned", "1.0.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await DeleteAsync(Server, stranger, "Lifecycle.Owned", "1.0.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await YankAsync(Server, Admin, "Lifecycle.Owned", "9.9.9"), HttpStatusCode.NotFound);
        using var anonymous = await YankAsync(Server, null!, "Lifecycle.Owned", "1.0.0");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A key without the scope: 403, whoever holds it.
        var publishOnly = await CreateKeyAsync(Server, Admin, scopes: ["registry:publish"]);
        await ProblemAsync(await YankAsync(Server, publishOnly, "Lifecycle.Owned", "1.0.0"), HttpStatusCode.Forbidden);
        Assert.False((await CatalogEntryAsync(Server, "Lifecycle.Owned", "1.0.0")).GetProperty("skillrt:yanked").GetBoolean());
    }

    [Fact]
    public async Task A_yanked_version_says_so_in_registration_and_stays_downloadable_until_unyanked()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Yanked", "1.0.0");
        await PublishAsync(Server, Admin, "Lifecycle.Yanked", "1.1.0");
        await NoContentAsync(YankAsync(Server, Admin, "Lifecycle.Yanked", "1.1.0"));
        await NoContentAsync(YankAsync(Server, Admin, "Lifecycle.Yanked", "1.1.0"));

        Assert.True((await CatalogEntryAsync(Server, "Lifecycle.Yanked", "1.1.0")).GetProperty("skillrt:yanked").GetBoolean());
        Assert.False((await CatalogEntryAsync(Server, "Lifecycle.Yanked", "1.0.0")).GetProperty("skillrt:yanked").GetBoolean());
        using var client = Server.CreateClient();
        var leaf = await client.GetFromJsonAsync<JsonElement>("v3/registration/lifecycle.yanked/1.1.0.json", Ct);
        Assert.True(leaf.GetProperty("skillrt:yanked").GetBoolean());
        using var download = await client.GetAsync("v3/flatcontainer/lifecycle.yanked/1.1.0/lifecycle.yanked.1.1.0.nupkg", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        await NoContentAsync(YankAsync(Server, Admin, "Lifecycle.Yanked", "1.1.0", yanked: false));
        Assert.False((await CatalogEntryAsync(Server, "Lifecycle.Yanked", "1.1.0")).GetProperty("skillrt:yanked").GetBoolean());
    }

    [Fact]
    public async Task A_version_deleted_within_the_window_is_gone_with_its_blob_and_its_number_is_never_reused()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Deleted", "1.0.0");
        await PublishAsync(Server, Admin, "Lifecycle.Deleted", "1.1.0");
        var sha = Versions(Server, "Lifecycle.Deleted").Single(v => v.Version == "1.1.0").Sha256;
        await NoContentAsync(YankAsync(Server, Admin, "Lifecycle.Deleted", "1.1.0"));

        await NoContentAsync(DeleteAsync(Server, Admin, "Lifecycle.Deleted", "1.1.0"));

        Assert.Equal(["1.0.0"], Versions(Server, "Lifecycle.Deleted").Select(v => v.Version));
        Assert.DoesNotContain(sha, Blobs(Server));
        using var client = Server.CreateClient();
        using var download = await client.GetAsync("v3/flatcontainer/lifecycle.deleted/1.1.0/lifecycle.deleted.1.1.0.nupkg", Ct);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        var versions = await client.GetFromJsonAsync<JsonElement>("v3/flatcontainer/lifecycle.deleted/index.json", Ct);
        Assert.Equal(["1.0.0"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));

        var builder = new SkillPackageBuilder("Lifecycle.Deleted", "1.1.0").AddStructuredSkill("lifecycle-deleted", "Other bytes under the deleted number.");
        var problem = await ProblemAsync(await PushAsync(Server, builder.Build(), Admin), HttpStatusCode.Conflict);
        Assert.Equal("Version was deleted", problem.GetProperty("title").GetString());
        Assert.Contains("raise the version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["1.0.0"], Versions(Server, "Lifecycle.Deleted").Select(v => v.Version));
        Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(builder.Build())), Blobs(Server));

        await ProblemAsync(await DeleteAsync(Server, Admin, "Lifecycle.Deleted", "1.1.0"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_version_older_than_the_window_is_not_deleted_and_the_refusal_says_what_to_do_instead()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Old.Enough", "1.0.0");
        Age(Server, "Lifecycle.Old.Enough", "1.0.0", TimeSpan.FromHours(73));

        var problem = await ProblemAsync(await DeleteAsync(Server, Admin, "Lifecycle.Old.Enough", "1.0.0"), HttpStatusCode.Conflict);

        Assert.Equal("Deletion window passed", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("within 72 hours", detail, StringComparison.Ordinal);
        Assert.Contains("skillrt unlist Lifecycle.Old.Enough 1.0.0", detail, StringComparison.Ordinal);
        Assert.Contains("skillrt yank", detail, StringComparison.Ordinal);
        Assert.Single(Versions(Server, "Lifecycle.Old.Enough"));

        // Just inside the window: deleted.
        await PublishAsync(Server, Admin, "Lifecycle.Old.Enough", "1.0.1");
        Age(Server, "Lifecycle.Old.Enough", "1.0.1", TimeSpan.FromHours(71));
        await NoContentAsync(DeleteAsync(Server, Admin, "Lifecycle.Old.Enough", "1.0.1"));
    }

    [Fact]
    public async Task A_version_another_package_depends_on_is_not_deleted()
    {
        await PublishAsync(Server, Admin, "Lifecycle.Base", "1.0.0");
        await PublishAsync(Server, Admin, "Lifecycle.Base", "2.0.0");
        await PublishAsync(Server, Admin, "Lifecycle.App", "1.0.0", ("Lifecycle.Base", "[1.0.0, 2.0.0)"));
        await PublishAsync(Server, Admin, "Lifecycle.Tool", "3.0.0", ("lifecycle.base", "1.0.0"));

        var problem = await ProblemAsync(await DeleteAsync(Server, Admin, "Lifecycle.Base", "1.0.0"), HttpStatusCode.Conflict);
        Assert.Equal("Other packages depend on this version", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Lifecycle.App 1.0.0, Lifecycle.Tool 3.0.0 depend on 'Lifecycle.Base'", detail, StringComparison.Ordinal);
        Assert.Contains("deprecate", detail, StringComparison.Ordinal);

        // 2.0.0 is outside App's range but inside Tool's (1.0.0 or later).
        var second = await ProblemAsync(await DeleteAsync(Server, Admin, "Lifecycle.Base", "2.0.0"), HttpStatusCode.Conflict);
        Assert.Contains("Lifecycle.Tool 3.0.0 depends on", second.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Once the dependents are gone, the version can go.
        await NoContentAsync(DeleteAsync(Server, Admin, "Lifecycle.Tool", "3.0.0"));
        await NoContentAsync(DeleteAsync(Server, Admin, "Lifecycle.Base", "2.0.0"));
        Assert.Equal(["1.0.0"], Versions(Server, "Lifecycle.Base").Select(v => v.Version));
    }
}
