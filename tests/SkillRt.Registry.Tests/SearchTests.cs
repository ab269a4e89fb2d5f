using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// SearchQueryService/3.5.0 with SkillRt's filters: relevance (exact ID first), typos, each filter,
/// facets over every hit, paging, listed and prerelease rules, bad parameters; and autocomplete.
/// </summary>
public sealed class SearchTests(SearchTests.Fixture fixture) : IClassFixture<SearchTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Fixture : SeededRegistryFixture
    {
        internal override async Task SeedAsync(CancellationToken cancellationToken)
        {
            using (var admin = Server.CreateClient(Server.AdministratorKey))
            {
                using var created = await admin.PostAsJsonAsync("api/v1/accounts", new { name = "bob" }, cancellationToken);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            // Typed: a json output with a schema. Fabrikam.CodeReview's json output has none, so it is untyped.
            var prReview = new SkillFacts
            {
                SkillNames = ["pr-review"], Runtimes = ["model"], Permissions = ["network"], OutputTypes = ["json"], Inputs = ["url", "pr_url"],
                ManifestJson = """{"skills":[{"name":"pr-review","output":{"type":"json","schema":{"type":"object"}}}]}""",
            };
            await Seeder.AddAsync(Package("Contoso.PrReview", "1.0.0", "Reviews a pull request and reports findings.", "pr-review"), prReview, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Contoso.PrReview", "1.1.0", "Reviews a pull request and reports findings.", "pr-review"), prReview, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Review", "1.0.0", "A generic helper for audits.", "audit"), new SkillFacts { SkillNames = ["audit"], Runtimes = ["process"], OutputTypes = ["text"] }, cancellationToken: cancellationToken);
            var codeReview = new SkillFacts
            {
                SkillNames = ["code-review"], Runtimes = ["process"], Permissions = ["filesystem"], OutputTypes = ["json"], Inputs = ["file", "diff"],
                ManifestJson = """{"skills":[{"name":"code-review","output":{"type":"json","schema":null}}]}""",
            };
            await Seeder.AddAsync(Package("Fabrikam.CodeReview", "1.0.0", "Code review comments for a diff.", "code-review"), codeReview, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Fabrikam.CodeReview", "2.0.0-beta.1", "Code review comments for a diff, now with fixes.", "code-review"), codeReview, cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Fabrikam.Summarize", "1.0.0", "Summarizes long documents.", "summarize"), new SkillFacts { SkillNames = ["summarize"], Runtimes = ["model"], Permissions = ["env"], OutputTypes = ["text"], Inputs = ["file", "document"] }, owner: "bob", cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Experimental.Translate", "0.1.0-alpha", "Translates text between languages.", "translate"), cancellationToken: cancellationToken);
            await Seeder.AddAsync(Package("Hidden.Reviewer", "1.0.0", "An unlisted reviewer.", "hidden-review"), listed: false, cancellationToken: cancellationToken);
            for (var i = 0; i < 12; i++)
            {
                await Seeder.AddAsync(Package($"Paging.Skill{i:D2}", "1.0.0", "A skill for paging through pages.", "pager"), new SkillFacts { Runtimes = ["mcp-tool"] }, cancellationToken: cancellationToken);
            }

            // bob's verified 'Fabrikam.' covers both Fabrikam packages, but only Fabrikam.Summarize is bob's.
            // 'Review.' is bob's without a domain: it covers the bare ID 'Review', which bob co-owns, yet verifies nothing.
            await Seeder.ReservePrefixAsync("Fabrikam.", "bob", verified: true, cancellationToken);
            await Seeder.ReservePrefixAsync("Review.", "bob", verified: false, cancellationToken);
            await Seeder.AddCoOwnerAsync("Review", "bob", cancellationToken);

            // Downloads rank equally relevant packages: Paging.Skill07 is the most downloaded.
            using var client = Server.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync("v3/flatcontainer/paging.skill07/1.0.0/paging.skill07.1.0.0.nupkg", cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            // Counts are written in batches (RegistryOptions.DownloadCountInterval). A test that read
            // before the batch landed would see the order change under it: paging once met
            // Paging.Skill07 move to the front between two pages, so one package showed twice.
            for (var deadline = DateTime.UtcNow.AddMinutes(1); ; await Task.Delay(50, cancellationToken))
            {
                var search = await client.GetFromJsonAsync<JsonElement>("v3/search?q=packageid:paging.skill07", cancellationToken);
                if (search.GetProperty("data")[0].GetProperty("totalDownloads").GetInt64() == 3)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "The server did not write the seeded download counts within a minute.");
            }
        }

        private static SkillPackageBuilder Package(string id, string version, string description, string skill) =>
            new SkillPackageBuilder(id, version) { Description = description }.AddStructuredSkill(skill, description);
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        using var client = fixture.Server.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("v3/search?" + query, Ct);
    }

    private static string[] Ids(JsonElement results) =>
        results.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task A_hit_has_the_shape_NuGet_clients_read()
    {
        var results = await SearchAsync("q=packageid:Contoso.PrReview&semVerLevel=2.0.0");
        Assert.Equal(1, results.GetProperty("totalHits").GetInt32());
        var hit = Assert.Single(results.GetProperty("data").EnumerateArray());
        var registration = new Uri(fixture.Server.BaseUrl, "v3/registration/contoso.prreview/index.json").ToString();
        Assert.Equal(registration, hit.GetProperty("@id").GetString());
        Assert.Equal(registration, hit.GetProperty("registration").GetString());
        Assert.Equal("Contoso.PrReview", hit.GetProperty("id").GetString());
        Assert.Equal("1.1.0", hit.GetProperty("version").GetString());
        Assert.Equal("Reviews a pull request and reports findings.", hit.GetProperty("description").GetString());
        Assert.Equal("Contoso.PrReview", hit.GetProperty("title").GetString());
        Assert.Equal(["skillrt", "skillrt-skill-pr-review"], hit.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(["SkillRt tests"], hit.GetProperty("authors").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(["admin"], hit.GetProperty("owners").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(0, hit.GetProperty("totalDownloads").GetInt64());
        Assert.False(hit.GetProperty("verified").GetBoolean());
        Assert.Equal(["Dependency", "SkillRtSkills"], hit.GetProperty("packageTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());
        var versions = hit.GetProperty("versions").EnumerateArray().ToArray();
        Assert.Equal(["1.0.0", "1.1.0"], versions.Select(v => v.GetProperty("version").GetString()!).ToArray());
        Assert.Equal(new Uri(fixture.Server.BaseUrl, "v3/registration/contoso.prreview/1.0.0.json").ToString(), versions[0].GetProperty("@id").GetString());
        Assert.Equal(0, versions[0].GetProperty("downloads").GetInt64());
    }

    [Fact]
    public async Task An_exact_ID_ranks_first_then_relevance()
    {
        var ids = Ids(await SearchAsync("q=review"));
        Assert.Equal("Review", ids[0]);
        Assert.Contains("Contoso.PrReview", ids);
        Assert.Contains("Fabrikam.CodeReview", ids);
        Assert.DoesNotContain("Fabrikam.Summarize", ids);
    }

    [Fact]
    public async Task Relevance_ties_are_broken_by_downloads()
    {
        var ids = Ids(await SearchAsync("q=paging&take=3"));
        Assert.Equal("Paging.Skill07", ids[0]);
    }

    [Theory]
    [InlineData("reveiw")]
    [InlineData("reviw")]
    [InlineData("sumarizes")]
    public async Task A_typo_still_finds_the_word(string typo)
    {
        var ids = Ids(await SearchAsync("q=" + typo));
        Assert.NotEmpty(ids);
        Assert.Contains(ids, id => id.Contains(typo.StartsWith('s') ? "Summarize" : "Review", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Words_of_an_ID_and_prefixes_of_words_match()
    {
        Assert.Contains("Fabrikam.CodeReview", Ids(await SearchAsync("q=code")));
        Assert.Contains("Fabrikam.Summarize", Ids(await SearchAsync("q=summ")));
        Assert.Equal(["Contoso.PrReview"], Ids(await SearchAsync("q=pull+request+findings")));
    }

    [Theory]
    [InlineData("runtime:process", new[] { "Fabrikam.CodeReview", "Review" })]
    [InlineData("permission:network", new[] { "Contoso.PrReview" })]
    [InlineData("permission:env", new[] { "Fabrikam.Summarize" })]
    [InlineData("output:json", new[] { "Contoso.PrReview", "Fabrikam.CodeReview" })]
    [InlineData("input:url", new[] { "Contoso.PrReview" })]
    [InlineData("input:pr_url", new[] { "Contoso.PrReview" })]
    [InlineData("input:document", new[] { "Fabrikam.Summarize" })]
    [InlineData("owner:bob", new[] { "Fabrikam.Summarize", "Review" })]
    [InlineData("owner:admin owner:ADMIN runtime:process", new[] { "Fabrikam.CodeReview", "Review" })]
    [InlineData("owner:admin owner:bob", new string[0])]
    [InlineData("typed:true", new[] { "Contoso.PrReview" })]
    [InlineData("typed:false output:json", new[] { "Fabrikam.CodeReview" })]
    [InlineData("typed:true typed:false", new string[0])]
    [InlineData("typed:maybe", new string[0])]
    [InlineData("verified:true", new[] { "Fabrikam.Summarize" })]
    [InlineData("verified:false owner:bob", new[] { "Review" })]
    [InlineData("verified:true owner:admin", new string[0])]
    [InlineData("review verified:false typed:false", new[] { "Fabrikam.CodeReview", "Review" })]
    [InlineData("owner:nobody", new string[0])]
    [InlineData("packageid:fabrikam.codereview", new[] { "Fabrikam.CodeReview" })]
    [InlineData("tags:skillrt-skill-code-review", new[] { "Fabrikam.CodeReview" })]
    [InlineData("runtime:process output:json", new[] { "Fabrikam.CodeReview" })]
    [InlineData("review runtime:model", new[] { "Contoso.PrReview" })]
    [InlineData("runtime:model permission:filesystem", new string[0])]
    public async Task Each_filter_narrows_the_hits_and_filters_combine_with_AND(string query, string[] expected)
    {
        var results = await SearchAsync("q=" + Uri.EscapeDataString(query));
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), Ids(results).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(expected.Length, results.GetProperty("totalHits").GetInt32());
    }

    [Fact]
    public async Task Facets_count_every_hit_not_only_the_page()
    {
        var results = await SearchAsync("q=&take=1");
        Assert.Single(results.GetProperty("data").EnumerateArray());
        Assert.Equal(16, results.GetProperty("totalHits").GetInt32());
        var facets = results.GetProperty("facets");
        Assert.Equal(12, facets.GetProperty("runtime").GetProperty("mcp-tool").GetInt32());
        Assert.Equal(2, facets.GetProperty("runtime").GetProperty("process").GetInt32());
        Assert.Equal(2, facets.GetProperty("runtime").GetProperty("model").GetInt32());
        Assert.Equal(1, facets.GetProperty("permission").GetProperty("network").GetInt32());
        Assert.Equal(2, facets.GetProperty("output").GetProperty("json").GetInt32());

        Assert.Equal(15, facets.GetProperty("owner").GetProperty("admin").GetInt32());
        Assert.Equal(2, facets.GetProperty("owner").GetProperty("bob").GetInt32());
        Assert.Equal(1, facets.GetProperty("verified").GetProperty("true").GetInt32());
        Assert.Equal(15, facets.GetProperty("verified").GetProperty("false").GetInt32());
        Assert.Equal(1, facets.GetProperty("typed").GetProperty("true").GetInt32());
        Assert.Equal(15, facets.GetProperty("typed").GetProperty("false").GetInt32());

        var filtered = (await SearchAsync("q=runtime:process")).GetProperty("facets");
        Assert.Equal(2, filtered.GetProperty("runtime").GetProperty("process").GetInt32());
        Assert.False(filtered.GetProperty("runtime").TryGetProperty("model", out _));
        Assert.Equal(1, filtered.GetProperty("owner").GetProperty("bob").GetInt32());
        Assert.False(filtered.GetProperty("typed").TryGetProperty("true", out _));
    }

    [Fact]
    public async Task A_hit_says_whether_it_is_verified_typed_and_deprecated()
    {
        var summarize = (await SearchAsync("q=packageid:Fabrikam.Summarize")).GetProperty("data")[0];
        Assert.True(summarize.GetProperty("verified").GetBoolean());
        Assert.False(summarize.GetProperty("typedOutput").GetBoolean());
        Assert.False(summarize.GetProperty("deprecated").GetBoolean());
        Assert.Equal(["bob"], summarize.GetProperty("owners").EnumerateArray().Select(o => o.GetString()!).ToArray());

        var codeReview = (await SearchAsync("q=packageid:Fabrikam.CodeReview")).GetProperty("data")[0];
        Assert.False(codeReview.GetProperty("verified").GetBoolean());
        Assert.False(codeReview.GetProperty("typedOutput").GetBoolean());

        var review = (await SearchAsync("q=packageid:Review")).GetProperty("data")[0];
        Assert.Equal(["admin", "bob"], review.GetProperty("owners").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.True((await SearchAsync("q=packageid:Contoso.PrReview")).GetProperty("data")[0].GetProperty("typedOutput").GetBoolean());
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap()
    {
        var first = Ids(await SearchAsync("q=paging&skip=0&take=5"));
        var second = Ids(await SearchAsync("q=paging&skip=5&take=5"));
        var third = Ids(await SearchAsync("q=paging&skip=10&take=5"));
        Assert.Equal(5, first.Length);
        Assert.Equal(5, second.Length);
        Assert.Equal(2, third.Length);
        Assert.Equal(12, first.Concat(second).Concat(third).Distinct().Count());
        Assert.Equal(12, (await SearchAsync("q=paging&skip=5&take=5")).GetProperty("totalHits").GetInt32());
    }

    [Fact]
    public async Task Unlisted_versions_are_never_found_and_prereleases_only_when_asked()
    {
        Assert.Empty(Ids(await SearchAsync("q=hidden")));
        Assert.Empty(Ids(await SearchAsync("q=translates")));
        Assert.Equal(["Experimental.Translate"], Ids(await SearchAsync("q=translates&prerelease=true")));

        var stable = (await SearchAsync("q=packageid:Fabrikam.CodeReview")).GetProperty("data")[0];
        Assert.Equal("1.0.0", stable.GetProperty("version").GetString());
        Assert.Single(stable.GetProperty("versions").EnumerateArray());
        var latest = (await SearchAsync("q=packageid:Fabrikam.CodeReview&prerelease=true")).GetProperty("data")[0];
        Assert.Equal("2.0.0-beta.1", latest.GetProperty("version").GetString());
        Assert.Equal(2, latest.GetProperty("versions").GetArrayLength());
    }

    [Theory]
    [InlineData("skip=-1")]
    [InlineData("skip=abc")]
    [InlineData("take=-5")]
    [InlineData("take=ten")]
    [InlineData("prerelease=maybe")]
    [InlineData("semVerLevel=two")]
    public async Task Bad_parameters_are_400_problems(string parameters)
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync("v3/search?q=review&" + parameters, Ct);
        await FlatContainerTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, parameters.Split('=')[0]);
        using var autocomplete = await client.GetAsync("v3/autocomplete?q=rev&" + parameters, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, autocomplete.StatusCode);
    }

    [Fact]
    public async Task A_10_KB_query_is_a_400_problem()
    {
        using var client = fixture.Server.CreateClient();
        var query = string.Concat(Enumerable.Repeat("review ", 10 * 1024 / 7 + 1));
        using var response = await client.GetAsync("v3/search?q=" + Uri.EscapeDataString(query), Ct);
        await FlatContainerTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "MaxQueryLength");
    }

    [Fact]
    public async Task Take_above_the_maximum_page_is_lowered_to_it()
    {
        var results = await SearchAsync("q=&take=100000");
        Assert.Equal(16, results.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Autocomplete_gives_IDs_by_prefix_and_a_packages_versions()
    {
        using var client = fixture.Server.CreateClient();
        var ids = await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?q=fab", Ct);
        Assert.Equal(2, ids.GetProperty("totalHits").GetInt32());
        Assert.Equal(["Fabrikam.CodeReview", "Fabrikam.Summarize"], ids.GetProperty("data").EnumerateArray().Select(i => i.GetString()!).Order(StringComparer.Ordinal).ToArray());

        var paged = await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?q=paging&skip=10&take=5", Ct);
        Assert.Equal(12, paged.GetProperty("totalHits").GetInt32());
        Assert.Equal(2, paged.GetProperty("data").GetArrayLength());

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?q=experimental", Ct)).GetProperty("totalHits").GetInt32());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?q=experimental&prerelease=true", Ct)).GetProperty("totalHits").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?q=hidden", Ct)).GetProperty("totalHits").GetInt32());

        var versions = await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?id=fabrikam.codereview&prerelease=true", Ct);
        Assert.Equal(["1.0.0", "2.0.0-beta.1"], versions.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToArray());
        var stable = await client.GetFromJsonAsync<JsonElement>("v3/autocomplete?id=Fabrikam.CodeReview", Ct);
        Assert.Equal(["1.0.0"], stable.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_version_recorded_after_a_search_is_found_by_the_next_search()
    {
        // A prerelease, so the other tests' counts of stable packages stay what they are, whatever the order.
        Assert.Empty(Ids(await SearchAsync("q=zebra&prerelease=true")));
        await fixture.Seeder.AddAsync(
            new SkillPackageBuilder("Late.Zebra", "1.0.0-late") { Description = "Counts zebras." }.AddStructuredSkill("zebra", "Counts zebras."),
            cancellationToken: Ct);
        Assert.Equal(["Late.Zebra"], Ids(await SearchAsync("q=zebra&prerelease=true")));
    }
}
