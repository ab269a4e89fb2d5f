using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests.Moderation;

/// <summary>
/// One real server for a moderation test class, with the popular-name floor at one download and no
/// cache, and a popular package seeded: <c>Contoso.PopularSkills</c> (the examples' pr-review,
/// csv-summary and commit-style skills), published by the administrator and downloaded once, so the
/// corpus's confusable names have something to imitate. An attacker account publishes the rest.
/// </summary>
public sealed class ModerationFixture : IAsyncLifetime
{
    public const string PopularId = "Contoso.PopularSkills";

    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    /// <summary>A non-administrator account ("attacker") that publishes the hostile packages.</summary>
    internal string AttackerKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:Registry:Moderation:PopularMinDownloads"] = "1",
            ["SkillRt:Registry:Moderation:PopularNamesRefresh"] = "00:00:00",
            // The hostile suite publishes 56 packages with one key, more than the default write burst
            // (60 a key, less what set-up spends); the budgets have their own tests (RateLimitBudgetTests).
            ["SkillRt:RateLimits:Write:Burst"] = "10000",
            ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "100000",
        });
        AttackerKey = await PublishHarness.CreateAccountAsync(Server, AdministratorKey, "attacker");

        var popular = new SkillPackageBuilder(PopularId, "1.0.0");
        foreach (var name in new[] { "pr-review", "csv-summary", "commit-style" })
        {
            popular.AddSkill(name, await File.ReadAllTextAsync(Path.Combine(TestPaths.Examples, name, "SKILL.md"), ct));
        }

        var published = await PublishHarness.PushAsync(Server, popular.Build(), AdministratorKey);
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync(ct));

        using var client = Server.CreateClient();
        var download = await client.GetAsync("v3/flatcontainer/contoso.popularskills/1.0.0/contoso.popularskills.1.0.0.nupkg", ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        // Downloads are counted in batches (a second): wait until the count is written, with patience for a loaded machine.
        for (var deadline = System.DateTime.UtcNow.AddMinutes(1); ; await Task.Delay(100, ct))
        {
            var search = await client.GetFromJsonAsync<JsonElement>("v3/search?q=packageid:" + PopularId, ct);
            if (search.GetProperty("data").EnumerateArray().Any(hit => hit.GetProperty("totalDownloads").GetInt64() >= 1))
            {
                break;
            }

            Assert.True(System.DateTime.UtcNow < deadline, "The seeded download was not counted within a minute.");
        }
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
