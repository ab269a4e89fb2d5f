using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.LifecycleHarness;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The audit log on a real server: every publish and lifecycle change leaves one entry with its actor,
/// client address and details; refused changes leave none; only administrators read it, filtered and paged.
/// </summary>
public sealed class AuditLogTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task Every_change_to_a_version_is_recorded_with_its_actor_address_and_details()
    {
        var author = await CreateAccountAsync(Server, Admin, "audit-author");
        await PublishAsync(Server, author, "Audit.Everything", "1.0.0");
        await NoContentAsync(SetListedAsync(Server, "Audit.Everything", "1.0.0", listed: false, author).ContinueWith(t => t.Result, Ct));
        await NoContentAsync(SetListedAsync(Server, "Audit.Everything", "1.0.0", listed: true, author).ContinueWith(t => t.Result, Ct));
        await NoContentAsync(DeprecateAsync(Server, author, "Audit.Everything", "1.0.0", new { reasons = new[] { "Other" }, message = "Superseded.", alternatePackage = new { id = "Audit.Next" } }));
        await NoContentAsync(SendAsync(Server, System.Net.Http.HttpMethod.Delete, "api/v2/package/Audit.Everything/1.0.0/deprecation", author));
        await NoContentAsync(YankAsync(Server, author, "Audit.Everything", "1.0.0"));
        await NoContentAsync(YankAsync(Server, author, "Audit.Everything", "1.0.0", yanked: false));
        await NoContentAsync(DeleteAsync(Server, author, "Audit.Everything", "1.0.0"));

        var entries = await ReadAsync(Admin, "?package=audit.everything");

        Assert.Equal(
            ["package.delete", "package.unyank", "package.yank", "package.undeprecate", "package.deprecate", "package.relist", "package.unlist", "package.publish"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("audit-author", e.GetProperty("actor").GetProperty("name").GetString());
            Assert.True(Guid.TryParse(e.GetProperty("actor").GetProperty("accountId").GetString(), out _));
            Assert.Equal("Audit.Everything", e.GetProperty("packageId").GetString());
            Assert.Equal("1.0.0", e.GetProperty("packageVersion").GetString());
            Assert.Equal("127.0.0.1", e.GetProperty("clientAddress").GetString());
            Assert.True(DateTimeOffset.UtcNow - e.GetProperty("time").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        });
        var deprecation = entries.Single(e => e.GetProperty("action").GetString() == "package.deprecate").GetProperty("details");
        Assert.Equal("Superseded.", deprecation.GetProperty("message").GetString());
        Assert.Equal("Audit.Next", deprecation.GetProperty("alternatePackage").GetProperty("id").GetString());
        Assert.Equal("*", deprecation.GetProperty("alternatePackage").GetProperty("range").GetString());
        var publish = entries.Single(e => e.GetProperty("action").GetString() == "package.publish").GetProperty("details");
        Assert.Equal(64, publish.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task A_refused_or_idle_change_records_nothing()
    {
        await PublishAsync(Server, Admin, "Audit.Refused", "1.0.0");
        Age(Server, "Audit.Refused", "1.0.0", TimeSpan.FromDays(4));
        var stranger = await CreateAccountAsync(Server, Admin, "audit-stranger");

        await ProblemAsync(await YankAsync(Server, stranger, "Audit.Refused", "1.0.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await DeleteAsync(Server, Admin, "Audit.Refused", "1.0.0"), HttpStatusCode.Conflict);
        await NoContentAsync(YankAsync(Server, Admin, "Audit.Refused", "1.0.0", yanked: false));
        await NoContentAsync(SetListedAsync(Server, "Audit.Refused", "1.0.0", listed: true, Admin).ContinueWith(t => t.Result, Ct));

        Assert.Equal(["package.publish"], (await ReadAsync(Admin, "?package=Audit.Refused")).Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Only_administrators_read_the_log()
    {
        var author = await CreateAccountAsync(Server, Admin, "audit-reader");
        using var client = Server.CreateClient(author);
        await ProblemAsync(await client.GetAsync("api/v2/audit", Ct), HttpStatusCode.Forbidden);
        using var anonymous = Server.CreateClient();
        using var response = await anonymous.GetAsync("api/v2/audit", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_log_filters_by_actor_action_and_time_and_pages_with_a_cursor()
    {
        var pager = await CreateAccountAsync(Server, Admin, "audit-pager");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync(Server, pager, "Audit.Paged", $"1.0.{i}");
        }

        await NoContentAsync(YankAsync(Server, pager, "Audit.Paged", "1.0.4"));

        var all = await ReadAsync(Admin, "?actor=AUDIT-PAGER");
        Assert.Equal(6, all.Count);
        Assert.Equal(["package.publish"], (await ReadAsync(Admin, "?actor=audit-pager&action=package.publish")).Select(e => e.GetProperty("action").GetString()).Distinct());
        var byId = await ReadAsync(Admin, "?actor=" + all[0].GetProperty("actor").GetProperty("accountId").GetString());
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), byId.Select(e => e.GetProperty("id").GetString()));
        Assert.Empty(await ReadAsync(Admin, "?actor=audit-pager&until=" + Uri.EscapeDataString(before.ToString("O"))));
        Assert.Equal(6, (await ReadAsync(Admin, "?actor=audit-pager&since=" + Uri.EscapeDataString(before.ToString("O")))).Count);

        // Pages of two, newest first: three pages, the last without a cursor; an entry written meanwhile does not shift them.
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var client = Server.CreateClient(Admin);
            var page = await client.GetFromJsonAsync<JsonElement>("api/v2/audit?actor=audit-pager&take=2" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0)
            {
                await NoContentAsync(YankAsync(Server, pager, "Audit.Paged", "1.0.3"));
            }
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), seen);

        using var admin = Server.CreateClient(Admin);
        foreach (var bad in new[] { "take=0", "take=abc", "cursor=-3", "since=yesterday" })
        {
            var problem = await ProblemAsync(await admin.GetAsync("api/v2/audit?" + bad, Ct), HttpStatusCode.BadRequest);
            Assert.Contains(bad.Split('=')[0], problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<List<JsonElement>> ReadAsync(string key, string query)
    {
        using var client = Server.CreateClient(key);
        var page = await client.GetFromJsonAsync<JsonElement>("api/v2/audit" + query, Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
