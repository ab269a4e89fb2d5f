using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Publishing skill packages to a real server: what is stored (the blob, the version row with its typed
/// manifest and search facets), the real <c>dotnet nuget push</c> and <c>dotnet nuget delete</c>,
/// ownership, conflicts and a race of many publishes of one version.
/// </summary>
public sealed class PublishTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_skill_package_is_stored_whole_with_its_typed_manifest_and_search_facets()
    {
        var skill = await File.ReadAllTextAsync(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"), Ct);
        var package = new SkillPackageBuilder("Contoso.PrReview", "1.2.0").AddSkill("pr-review", skill).Build();

        var response = await PushAsync(Server, package, fixture.AdministratorKey);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/v3/flatcontainer/contoso.prreview/1.2.0/contoso.prreview.1.2.0.nupkg", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Contoso.PrReview", body.GetProperty("id").GetString());
        Assert.Equal("1.2.0", body.GetProperty("version").GetString());
        Assert.Equal(["pr-review"], body.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Array, body.GetProperty("warnings").ValueKind);

        var sha = Convert.ToHexStringLower(SHA256.HashData(package));
        var version = Assert.Single(Versions(Server, "Contoso.PrReview"));
        Assert.Equal(("Contoso.PrReview", "1.2.0", sha, true), version);
        Assert.Contains(sha, Blobs(Server));
        Assert.Equal(package, await File.ReadAllBytesAsync(Path.Combine(Server.DataDirectory, "blobs", sha[..2], sha), Ct));
        Assert.Empty(Uploads(Server));

        var manifest = JsonDocument.Parse(Column(Server, "Contoso.PrReview", "1.2.0", "ManifestJson")).RootElement;
        Assert.Equal("Contoso.PrReview", manifest.GetProperty("id").GetString());
        var reviewed = Assert.Single(manifest.GetProperty("skills").EnumerateArray().ToList());
        Assert.Equal("pr-review", reviewed.GetProperty("name").GetString());
        Assert.Equal("1.2.0", reviewed.GetProperty("version").GetString());
        Assert.Equal("skills/pr-review/SKILL.md", reviewed.GetProperty("path").GetString());
        Assert.Equal("markdown-skill", reviewed.GetProperty("runtime").GetProperty("type").GetString());
        var prUrl = reviewed.GetProperty("inputs")[0];
        Assert.Equal(("pr_url", "url", true), (prUrl.GetProperty("name").GetString(), prUrl.GetProperty("type").GetString(), prUrl.GetProperty("required").GetBoolean()));
        Assert.Contains("pr_url", reviewed.GetProperty("inputSchema").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("json", reviewed.GetProperty("output").GetProperty("type").GetString());
        Assert.Equal("object", reviewed.GetProperty("output").GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("github.com", reviewed.GetProperty("permissions").GetProperty("network").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["GITHUB_TOKEN"], reviewed.GetProperty("permissions").GetProperty("env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["code-review", "github"], reviewed.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal("markdown-skill", Column(Server, "Contoso.PrReview", "1.2.0", "Runtimes"));
        Assert.Equal("env filesystem network", Column(Server, "Contoso.PrReview", "1.2.0", "Permissions"));
        Assert.Equal("json", Column(Server, "Contoso.PrReview", "1.2.0", "OutputTypes"));
        Assert.Equal("boolean focus include_nits integer max_findings pr_url string url", Column(Server, "Contoso.PrReview", "1.2.0", "Inputs"));
        var searchText = Column(Server, "Contoso.PrReview", "1.2.0", "SearchText");
        Assert.Contains("PrReview", searchText, StringComparison.Ordinal);
        Assert.Contains("pr-review", searchText, StringComparison.Ordinal);
        Assert.Contains("Reviews a GitHub pull request", searchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_do_not_stop_a_publish_and_come_back_in_its_response()
    {
        // The skill says 2.0.0, its package 1.0.0: SKILL0801, a warning, as dotnet pack gives.
        var builder = new SkillPackageBuilder("Contoso.Warned", "1.0.0");
        builder.AddSkill("warned", "---\nname: warned\nversion: 2.0.0\ndescription: Says hello.\n---\nSay hello.\n");

        var response = await PushAsync(Server, builder.Build(), fixture.AdministratorKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warnings").EnumerateArray().ToList());
        Assert.Equal("SKILL0801", warning.GetProperty("id").GetString());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal("skills/warned/SKILL.md", warning.GetProperty("file").GetString());
        Assert.Single(Versions(Server, "Contoso.Warned"));
    }

    [Fact]
    public async Task Dotnet_nuget_push_publishes_and_dotnet_nuget_delete_unlists()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-push-").FullName;
        try
        {
            var path = new SkillPackageBuilder("Contoso.Pushed", "1.0.0").AddStructuredSkill("pushed", "Pushed with the real dotnet CLI.").WriteTo(folder);

            // NuGet refuses plain HTTP sources unless told otherwise, loopback included.
            var (pushExit, pushOutput) = await DotnetCli.RunAsync(folder, "nuget", "push", path, "-s", fixture.SourceUrl, "-k", fixture.AdministratorKey, "--allow-insecure-connections");

            Assert.True(pushExit == 0, pushOutput);
            Assert.Equal(("Contoso.Pushed", "1.0.0", Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, Ct))), true), Assert.Single(Versions(Server, "Contoso.Pushed")));

            // 'delete' has no --allow-insecure-connections switch: the source's setting in NuGet.Config says it.
            await File.WriteAllTextAsync(
                Path.Combine(folder, "NuGet.Config"),
                $"""<configuration><packageSources><clear /><add key="skillrt" value="{fixture.SourceUrl}" allowInsecureConnections="true" /></packageSources></configuration>""",
                Ct);
            var (deleteExit, deleteOutput) = await DotnetCli.RunAsync(folder, "nuget", "delete", "Contoso.Pushed", "1.0.0", "-s", "skillrt", "-k", fixture.AdministratorKey, "--non-interactive");

            Assert.True(deleteExit == 0, deleteOutput);
            Assert.False(Assert.Single(Versions(Server, "Contoso.Pushed")).Listed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unlist_and_relist_change_only_the_listing_and_an_unknown_version_is_404()
    {
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, new SkillPackageBuilder("Contoso.Listing", "1.0.0").AddStructuredSkill("listing", "Listed and unlisted.").Build(), fixture.AdministratorKey)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SetListedAsync(Server, "contoso.listing", "1.0.0", listed: false, fixture.AdministratorKey)).StatusCode);
        Assert.False(Assert.Single(Versions(Server, "Contoso.Listing")).Listed);
        Assert.Equal(HttpStatusCode.NoContent, (await SetListedAsync(Server, "Contoso.Listing", "1.0.0", listed: true, fixture.AdministratorKey)).StatusCode);
        Assert.True(Assert.Single(Versions(Server, "Contoso.Listing")).Listed);

        var unknownVersion = await ProblemAsync(await SetListedAsync(Server, "Contoso.Listing", "9.9.9", listed: false, fixture.AdministratorKey), HttpStatusCode.NotFound);
        Assert.Contains("9.9.9", unknownVersion.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknownPackage = await ProblemAsync(await SetListedAsync(Server, "Contoso.Nothing", "1.0.0", listed: false, fixture.AdministratorKey), HttpStatusCode.NotFound);
        Assert.Contains("Contoso.Nothing", unknownPackage.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The unlist scope is needed: a publish-only key is refused.
        var publishOnly = await CreateKeyAsync(Server, fixture.AdministratorKey, scopes: ["registry:publish"]);
        await ProblemAsync(await SetListedAsync(Server, "Contoso.Listing", "1.0.0", listed: false, publishOnly), HttpStatusCode.Forbidden);
        Assert.True(Assert.Single(Versions(Server, "Contoso.Listing")).Listed);
    }

    [Fact]
    public async Task A_version_that_exists_is_a_conflict_whatever_its_case_or_build_metadata()
    {
        var first = new SkillPackageBuilder("Contoso.Twice", "1.0.0-Beta").AddStructuredSkill("twice", "Published twice.").Build();
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, first, fixture.AdministratorKey)).StatusCode);
        var blobs = Blobs(Server);

        foreach (var again in new[] { "1.0.0-Beta", "1.0.0-beta", "1.0.0-beta+build.7" })
        {
            var package = new SkillPackageBuilder("Contoso.Twice", again) { Description = "Different bytes." }.AddStructuredSkill("twice", "Published twice.").Build();
            var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.Conflict);
            Assert.Contains("1.0.0-", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("1.0.0-Beta", Assert.Single(Versions(Server, "Contoso.Twice")).Version);
        Assert.Equal(blobs, Blobs(Server));
    }

    [Fact]
    public async Task An_id_that_differs_only_by_case_is_a_conflict_naming_the_existing_spelling()
    {
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, new SkillPackageBuilder("Contoso.CaseOne", "1.0.0").AddStructuredSkill("case-one", "Cased.").Build(), fixture.AdministratorKey)).StatusCode);
        var blobs = Blobs(Server);

        var problem = await ProblemAsync(await PushAsync(Server, new SkillPackageBuilder("contoso.caseone", "2.0.0").AddStructuredSkill("case-one", "Cased.").Build(), fixture.AdministratorKey), HttpStatusCode.Conflict);

        Assert.Contains("'Contoso.CaseOne'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.0.0", Assert.Single(Versions(Server, "Contoso.CaseOne")).Version);
        Assert.Equal(blobs, Blobs(Server));
    }

    [Fact]
    public async Task Only_members_of_a_packages_owner_publish_new_versions_of_it()
    {
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, new SkillPackageBuilder("Contoso.Owned", "1.0.0").AddStructuredSkill("owned", "Owned by admin.").Build(), fixture.AdministratorKey)).StatusCode);
        var stranger = await CreateAccountAsync(Server, fixture.AdministratorKey, "stranger");

        var problem = await ProblemAsync(await PushAsync(Server, new SkillPackageBuilder("Contoso.Owned", "2.0.0").AddStructuredSkill("owned", "Owned by admin.").Build(), stranger), HttpStatusCode.Forbidden);
        Assert.Contains("'admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await SetListedAsync(Server, "Contoso.Owned", "1.0.0", listed: false, stranger), HttpStatusCode.Forbidden);

        // A new ID is the stranger's own.
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, new SkillPackageBuilder("Stranger.Skills", "1.0.0").AddStructuredSkill("stranger", "Mine.").Build(), stranger)).StatusCode);
        Assert.Equal(["1.0.0"], Versions(Server, "Contoso.Owned").Select(v => v.Version));
        Assert.True(Assert.Single(Versions(Server, "Contoso.Owned")).Listed);
    }

    [Fact]
    public async Task Many_concurrent_publishes_of_one_version_give_one_201_the_rest_409_and_one_blob()
    {
        var package = new SkillPackageBuilder("Contoso.Raced", "1.0.0").AddStructuredSkill("raced", "Published by many at once.").Build();
        var before = Blobs(Server);
        using var start = new SemaphoreSlim(0);
        var publishes = Enumerable.Range(0, 12).Select(async _ =>
        {
            await start.WaitAsync(Ct);
            return (await PushAsync(Server, package, fixture.AdministratorKey)).StatusCode;
        }).ToList();
        start.Release(publishes.Count);

        var statuses = await Task.WhenAll(publishes);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(publishes.Count - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        var sha = Convert.ToHexStringLower(SHA256.HashData(package));
        Assert.Equal(sha, Assert.Single(Versions(Server, "Contoso.Raced")).Sha256);
        Assert.Equal([.. before.Append(sha).Order(StringComparer.Ordinal)], Blobs(Server));
        Assert.Empty(Uploads(Server));
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_version_with_different_bytes_leave_only_the_winners_blob()
    {
        var packages = Enumerable.Range(0, 6)
            .Select(i => new SkillPackageBuilder("Contoso.RacedApart", "1.0.0") { Description = $"Variant {i}." }.AddStructuredSkill("raced-apart", "Different bytes each.").Build())
            .ToList();
        var before = Blobs(Server);
        using var start = new SemaphoreSlim(0);
        var publishes = packages.Select(async package =>
        {
            await start.WaitAsync(Ct);
            return (await PushAsync(Server, package, fixture.AdministratorKey)).StatusCode;
        }).ToList();
        start.Release(publishes.Count);

        var statuses = await Task.WhenAll(publishes);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(publishes.Count - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        var winner = Assert.Single(Versions(Server, "Contoso.RacedApart")).Sha256;
        Assert.Equal([.. before.Append(winner).Order(StringComparer.Ordinal)], Blobs(Server));
    }
}
