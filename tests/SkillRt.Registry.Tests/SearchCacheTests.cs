using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>Search answers are reused, and a change made through this server ends them at once.</summary>
public sealed class SearchCacheTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cached_answer_ends_when_a_version_is_published_or_unlisted_here()
    {
        using var client = fixture.Server.CreateClient();
        const string Query = "v3/search?q=cachedskill";
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(Query, Ct)).GetProperty("totalHits").GetInt32());

        var package = new SkillPackageBuilder("CachedSkill.One", "1.0.0").AddStructuredSkill("cachedskill-one", "Shows the cache ends on a publish.").Build();
        using (var pushed = await PublishHarness.PushAsync(fixture.Server, package, fixture.AdministratorKey))
        {
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        var afterPublish = await client.GetFromJsonAsync<JsonElement>(Query, Ct);
        Assert.Equal("CachedSkill.One", Assert.Single(afterPublish.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());

        // The same question again is the same answer, byte for byte.
        Assert.Equal(await client.GetStringAsync(Query, Ct), await client.GetStringAsync(Query, Ct));

        using (var unlisted = await PublishHarness.SetListedAsync(fixture.Server, "CachedSkill.One", "1.0.0", listed: false, fixture.AdministratorKey))
        {
            Assert.Equal(HttpStatusCode.NoContent, unlisted.StatusCode);
        }

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(Query, Ct)).GetProperty("totalHits").GetInt32());
    }
}
