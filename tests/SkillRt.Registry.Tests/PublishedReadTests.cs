using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The read path over what the publish path stored (not seeded rows): search finds a pushed skill
/// by its words, a typo and its skill facts; unlisting takes a version out of search at once, while
/// the flat container and registration keep it, marked unlisted.
/// </summary>
public sealed class PublishedReadTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pushed_skill_is_searchable_by_text_typo_and_facets_and_unlisting_hides_it_from_search_only()
    {
        var skill = await File.ReadAllTextAsync(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"), Ct);
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var package = new SkillPackageBuilder("Published.PrReview", version) { Description = "Reviews GitHub pull requests." }.AddSkill("pr-review", skill).Build();
            using var pushed = await PushAsync(fixture.Server, package, fixture.AdministratorKey);
            Assert.True(pushed.StatusCode == HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync(Ct));
        }

        using var client = fixture.Server.CreateClient();
        foreach (var query in new[] { "reveiw", "pull requests", "runtime:markdown-skill", "permission:network", "output:json", "input:url", "input:pr_url", "owner:admin" })
        {
            var results = await client.GetFromJsonAsync<JsonElement>("v3/search?q=" + Uri.EscapeDataString(query), Ct);
            var hit = Assert.Single(results.GetProperty("data").EnumerateArray());
            Assert.Equal("Published.PrReview", hit.GetProperty("id").GetString());
            Assert.Equal("1.1.0", hit.GetProperty("version").GetString());
        }

        var facets = (await client.GetFromJsonAsync<JsonElement>("v3/search?q=", Ct)).GetProperty("facets");
        Assert.Equal(1, facets.GetProperty("runtime").GetProperty("markdown-skill").GetInt32());
        Assert.Equal(1, facets.GetProperty("output").GetProperty("json").GetInt32());

        using (var unlisted = await SetListedAsync(fixture.Server, "Published.PrReview", "1.1.0", listed: false, fixture.AdministratorKey))
        {
            Assert.True(unlisted.IsSuccessStatusCode, await unlisted.Content.ReadAsStringAsync(Ct));
        }

        var after = Assert.Single((await client.GetFromJsonAsync<JsonElement>("v3/search?q=review", Ct)).GetProperty("data").EnumerateArray());
        Assert.Equal("1.0.0", after.GetProperty("version").GetString());
        Assert.Equal(["1.0.0"], after.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()!).ToArray());

        var flat = await client.GetFromJsonAsync<JsonElement>("v3/flatcontainer/published.prreview/index.json", Ct);
        Assert.Equal(["1.0.0", "1.1.0"], flat.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!).ToArray());
        var leaf = await client.GetFromJsonAsync<JsonElement>("v3/registration/published.prreview/1.1.0.json", Ct);
        Assert.False(leaf.GetProperty("listed").GetBoolean());

        var manifest = await client.GetFromJsonAsync<JsonElement>("v3/skills/published.prreview/1.1.0/manifest.json", Ct);
        Assert.Contains("pr_url", manifest.GetRawText(), StringComparison.Ordinal);
    }
}
