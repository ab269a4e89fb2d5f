using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>RegistrationsBaseUrl/3.6.0: the index with inlined pages, catalog entries and leaves, SemVer 2.0 and unlisted versions included.</summary>
public sealed class RegistrationTests(RegistrationTests.Fixture fixture) : IClassFixture<RegistrationTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Fixture : SeededRegistryFixture
    {
        internal override async Task SeedAsync(CancellationToken cancellationToken)
        {
            await Seeder.AddAsync(Skill("1.0.0"), cancellationToken: cancellationToken);
            await Seeder.AddAsync(Skill("1.1.0"), listed: false, cancellationToken: cancellationToken);
            var withDependency = Skill("2.0.0-rc.1+build.7");
            withDependency.Dependencies.Add(("Contoso.Shared", "[1.0.0, )"));
            await Seeder.AddAsync(withDependency, cancellationToken: cancellationToken);
        }

        private static SkillPackageBuilder Skill(string version) =>
            new SkillPackageBuilder("Contoso.PrReview", version) { Description = "Reviews a pull request." }.AddStructuredSkill("pr-review", "Reviews a pull request.");
    }

    private string Url(string path) => new Uri(fixture.Server.BaseUrl, path).ToString();

    [Fact]
    public async Task The_index_inlines_every_version_in_SemVer_order()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync("v3/registration/Contoso.PrReview/index.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
        var index = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(Url("v3/registration/contoso.prreview/index.json"), index.GetProperty("@id").GetString());
        Assert.Equal(1, index.GetProperty("count").GetInt32());
        var page = index.GetProperty("items")[0];
        Assert.Equal(3, page.GetProperty("count").GetInt32());
        Assert.Equal("1.0.0", page.GetProperty("lower").GetString());
        Assert.Equal("2.0.0-rc.1", page.GetProperty("upper").GetString());
        Assert.Equal(Url("v3/registration/contoso.prreview/index.json"), page.GetProperty("parent").GetString());

        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0-rc.1+build.7"], items.Select(i => i.GetProperty("catalogEntry").GetProperty("version").GetString()!).ToArray());
        Assert.Equal(Url("v3/registration/contoso.prreview/1.0.0.json"), items[0].GetProperty("@id").GetString());
        Assert.Equal(Url("v3/flatcontainer/contoso.prreview/1.0.0/contoso.prreview.1.0.0.nupkg"), items[0].GetProperty("packageContent").GetString());
    }

    [Fact]
    public async Task A_catalog_entry_carries_the_metadata_clients_show()
    {
        using var client = fixture.Server.CreateClient();
        var index = await client.GetFromJsonAsync<JsonElement>("v3/registration/contoso.prreview/index.json", Ct);
        var items = index.GetProperty("items")[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("catalogEntry")).ToArray();

        var first = items[0];
        Assert.Equal(Url("v3/registration/contoso.prreview/1.0.0.json") + "#catalogEntry", first.GetProperty("@id").GetString());
        Assert.Equal("Contoso.PrReview", first.GetProperty("id").GetString());
        Assert.Equal("Reviews a pull request.", first.GetProperty("description").GetString());
        Assert.Equal("SkillRt tests", first.GetProperty("authors").GetString());
        Assert.Equal(["skillrt", "skillrt-skill-pr-review"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.True(first.GetProperty("listed").GetBoolean());
        Assert.True(DateTimeOffset.Parse(first.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Year > 2000);
        Assert.Equal(Url("v3/flatcontainer/contoso.prreview/1.0.0/contoso.prreview.1.0.0.nupkg"), first.GetProperty("packageContent").GetString());
        Assert.Equal("net8.0", first.GetProperty("dependencyGroups")[0].GetProperty("targetFramework").GetString());
        Assert.Empty(first.GetProperty("dependencyGroups")[0].GetProperty("dependencies").EnumerateArray());

        var unlisted = items[1];
        Assert.False(unlisted.GetProperty("listed").GetBoolean());
        Assert.StartsWith("1900-01-01", unlisted.GetProperty("published").GetString(), StringComparison.Ordinal);

        var dependency = Assert.Single(items[2].GetProperty("dependencyGroups")[0].GetProperty("dependencies").EnumerateArray());
        Assert.Equal("Contoso.Shared", dependency.GetProperty("id").GetString());
        Assert.Equal("[1.0.0, )", dependency.GetProperty("range").GetString());
        Assert.Equal(Url("v3/registration/contoso.shared/index.json"), dependency.GetProperty("registration").GetString());
    }

    [Fact]
    public async Task A_leaf_describes_one_version()
    {
        using var client = fixture.Server.CreateClient();
        var leaf = await client.GetFromJsonAsync<JsonElement>("v3/registration/contoso.prreview/1.1.0.json", Ct);
        Assert.Equal(Url("v3/registration/contoso.prreview/1.1.0.json"), leaf.GetProperty("@id").GetString());
        Assert.False(leaf.GetProperty("listed").GetBoolean());
        Assert.Equal(Url("v3/flatcontainer/contoso.prreview/1.1.0/contoso.prreview.1.1.0.nupkg"), leaf.GetProperty("packageContent").GetString());
        Assert.Equal(Url("v3/registration/contoso.prreview/index.json"), leaf.GetProperty("registration").GetString());

        var semver2 = await client.GetFromJsonAsync<JsonElement>("v3/registration/contoso.prreview/2.0.0-RC.1.json", Ct);
        Assert.True(semver2.GetProperty("listed").GetBoolean());
    }

    [Theory]
    [InlineData("v3/registration/no.such.package/index.json", "no.such.package")]
    [InlineData("v3/registration/contoso.prreview/9.0.0.json", "9.0.0")]
    public async Task Unknown_packages_and_versions_are_404_problems(string path, string mentioned)
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync(path, Ct);
        await FlatContainerTests.AssertProblemAsync(response, HttpStatusCode.NotFound, mentioned);
    }
}
