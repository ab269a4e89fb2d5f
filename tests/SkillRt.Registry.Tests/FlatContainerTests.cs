using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>PackageBaseAddress/3.0.0: versions, .nupkg (served, validated by ETag, counted exactly), .nuspec, and skill manifests.</summary>
public sealed class FlatContainerTests(FlatContainerTests.Fixture fixture) : IClassFixture<FlatContainerTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Fixture : SeededRegistryFixture
    {
        internal byte[] Package120 { get; private set; } = [];

        internal override async Task SeedAsync(CancellationToken cancellationToken)
        {
            await Seeder.AddAsync(Skill("1.0.0"), cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("1.10.0"), cancellationToken: cancellationToken);
            Package120 = await Seeder.AddAsync(Skill("1.2.0"), new SkillFacts { ManifestJson = """{"skills":[{"name":"pr-review","runtime":"model"}]}""" }, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("1.1.0"), listed: false, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("2.0.0-Beta.1"), cancellationToken: cancellationToken);
            await Seeder.AddAsync(new SkillPackageBuilder("Counted.Skill", "1.0.0").AddStructuredSkill("counted", "Counted."), cancellationToken: cancellationToken);
        }

        private static SkillPackageBuilder Skill(string version) =>
            new SkillPackageBuilder("Contoso.PrReview", version).AddStructuredSkill("pr-review", "Reviews a pull request.");
    }

    [Fact]
    public async Task Versions_are_lowercase_in_SemVer_order_and_include_unlisted_ones()
    {
        using var client = fixture.Server.CreateClient();
        var index = await client.GetFromJsonAsync<JsonElement>("v3/flatcontainer/contoso.prreview/index.json", Ct);
        var versions = index.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "1.10.0", "2.0.0-beta.1"], versions);
    }

    [Fact]
    public async Task An_unknown_package_is_a_404_problem()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync("v3/flatcontainer/no.such.package/index.json", Ct);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "no.such.package");
    }

    [Theory]
    [InlineData("v3/flatcontainer/contoso.prreview/9.9.9/contoso.prreview.9.9.9.nupkg")]
    [InlineData("v3/flatcontainer/contoso.prreview/9.9.9/contoso.prreview.nuspec")]
    [InlineData("v3/flatcontainer/contoso.prreview/1.2.0/other.1.2.0.nupkg")]
    [InlineData("v3/flatcontainer/contoso.prreview/not-a-version/contoso.prreview.not-a-version.nupkg")]
    [InlineData("v3/skills/contoso.prreview/9.9.9/manifest.json")]
    [InlineData("v3/skills/no.such.package/1.0.0/manifest.json")]
    public async Task Unknown_versions_and_files_are_404_problems(string path)
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync(path, Ct);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, path.Split('/')[2]);
    }

    [Fact]
    public async Task The_package_is_served_byte_for_byte_with_its_hash_as_ETag_and_revalidates_with_304()
    {
        using var client = fixture.Server.CreateClient();
        const string Path = "v3/flatcontainer/contoso.prreview/1.2.0/contoso.prreview.1.2.0.nupkg";
        using var response = await client.GetAsync(Path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fixture.Package120, await response.Content.ReadAsByteArrayAsync(Ct));
        var sha = Convert.ToHexStringLower(SHA256.HashData(fixture.Package120));
        Assert.Equal($"\"{sha}\"", response.Headers.ETag?.Tag);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, Path);
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        using var notModified = await client.SendAsync(revalidate, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_nuspec_and_the_skill_manifest_are_served_as_stored()
    {
        using var client = fixture.Server.CreateClient();
        var nuspec = await client.GetStringAsync("v3/flatcontainer/contoso.prreview/1.2.0/contoso.prreview.nuspec", Ct);
        Assert.Contains("<id>Contoso.PrReview</id>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<version>1.2.0</version>", nuspec, StringComparison.Ordinal);

        using var manifest = await client.GetAsync("v3/skills/Contoso.PrReview/1.2.0/manifest.json", Ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/json", manifest.Content.Headers.ContentType?.MediaType);
        var json = await manifest.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pr-review", json.GetProperty("skills")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Concurrent_downloads_are_all_counted_on_the_version_and_the_package()
    {
        const int Downloads = 200;
        using var client = fixture.Server.CreateClient();
        using var gate = new SemaphoreSlim(16);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Downloads).Select(async _ =>
        {
            await start.Task;
            await gate.WaitAsync(Ct);
            try
            {
                using var response = await client.GetAsync("v3/flatcontainer/counted.skill/1.0.0/counted.skill.1.0.0.nupkg", Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await response.Content.ReadAsByteArrayAsync(Ct);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(tasks);

        // Counts are written in batches (RegistryOptions.DownloadCountInterval, a second): wait for the
        // total, with a minute of patience for a loaded machine, then check nothing was counted twice.
        JsonElement hit = default;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            var search = await client.GetFromJsonAsync<JsonElement>("v3/search?q=packageid:counted.skill", Ct);
            hit = Assert.Single(search.GetProperty("data").EnumerateArray());
            if (hit.GetProperty("totalDownloads").GetInt64() >= Downloads)
            {
                break;
            }
        }

        Assert.Equal(Downloads, hit.GetProperty("totalDownloads").GetInt64());
        Assert.Equal(Downloads, hit.GetProperty("versions")[0].GetProperty("downloads").GetInt64());
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mentioned)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }
}
