using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The three rate-limit budgets are separate: a client that used up its reads can still publish, one that
/// used up its publishes can still read, and anonymous clients never touch a key's budgets. Tiny budgets
/// that refill once a minute, so nothing refills while the test runs. Every registry endpoint that
/// changes something draws on the write budget.
/// </summary>
public sealed class RateLimitBudgetTests
{
    private const int Reads = 4;
    private const int Writes = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_publishes_and_anonymous_requests_each_have_their_own_budget()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Anonymous:Burst"] = Reads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "1",
            ["SkillRt:RateLimits:Read:Burst"] = Reads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SkillRt:RateLimits:Read:PermitsPerMinute"] = "1",
            ["SkillRt:RateLimits:Write:Burst"] = Writes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "1",
        });
        var admin = server.AdministratorKey!;

        // Creating a key is a write: the administrator's first of three.
        var publisher = await CreateKeyAsync(server, admin, ["registry:publish"], ["*"]);

        // The publisher uses up its writes; its reads are untouched.
        for (var i = 1; i <= Writes; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await PublishAsync(server, "Contoso.Budget" + i, publisher)).StatusCode);
        }

        var refused = await PublishAsync(server, "Contoso.BudgetOver", publisher);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1;w=60;burst=3;budget=\"write\"", string.Join(",", refused.Headers.GetValues("RateLimit-Policy")));
        Assert.Contains("write rate-limit budget", (await ProblemAsync(refused, HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(server, publisher)).StatusCode);

        // The administrator uses up its reads; it can still publish (its second write).
        Assert.Equal(Statuses(Reads, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), await ReadManyAsync(server, admin, Reads + 1));
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(server, "Contoso.AfterReads", admin)).StatusCode);

        // Anonymous reads from the same address have a budget of their own, and using it up blocks no key.
        Assert.Equal(Statuses(Reads, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), await ReadManyAsync(server, null, Reads + 1));
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(server, "Contoso.AfterAnonymous", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(server, publisher)).StatusCode);
    }

    [Fact]
    public async Task Every_state_changing_registry_endpoint_counts_against_the_write_budget()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Write:Burst"] = Writes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "1",
        });
        var member = await CreateAccountAsync(server, server.AdministratorKey!, "budgeted");
        using var client = server.CreateClient(member);

        // Three policy changes use up the member's writes.
        for (var i = 0; i < Writes; i++)
        {
            using var policy = JsonBody(HttpMethod.Put, "api/v2/owners/budgeted/signing-policy", "{\"requireSignatures\": false}");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(policy, Ct)).StatusCode);
        }

        // Every other kind of change is refused from the same budget before its handler runs (which would
        // answer 404 or 403 here); a read of the same module still has its own budget.
        (HttpMethod Method, string Path)[] writes =
        [
            (HttpMethod.Post, "api/v2/owners/budgeted/signing-keys"),
            (HttpMethod.Delete, "api/v2/owners/budgeted/signing-keys/0123456789ABCDEF"),
            (HttpMethod.Post, "api/v2/namespaces"),
            (HttpMethod.Delete, "api/v2/namespaces/Budget."),
            (HttpMethod.Post, "api/v2/namespaces/verifications"),
            (HttpMethod.Post, "api/v2/packages/Budget.Skill/owners"),
            (HttpMethod.Post, "api/v2/packages/Budget.Skill/transfer"),
            (HttpMethod.Delete, "api/v2/packages/Budget.Skill/owners/someone"),
            (HttpMethod.Put, "api/v2/package/Budget.Skill/1.0.0/yank"),
            (HttpMethod.Put, "api/v2/package/Budget.Skill/1.0.0/deprecation"),
            (HttpMethod.Post, "api/v2/package/Budget.Skill/1.0.0/delete"),
            (HttpMethod.Post, "api/v2/package/Budget.Skill/1.0.0/appeal"),
            (HttpMethod.Post, "api/v2/reports"),
            (HttpMethod.Post, "api/v2/namespaces/verifications/00000000-0000-0000-0000-000000000000/check"),
            (HttpMethod.Post, "api/v2/packages/Budget.Skill/owners/budgeted/accept"),
            (HttpMethod.Delete, "api/v2/package/Budget.Skill/1.0.0/yank"),
            (HttpMethod.Delete, "api/v2/package/Budget.Skill/1.0.0/deprecation"),
            (HttpMethod.Post, "api/v2/admin/package/Budget.Skill/1.0.0/release"),
            (HttpMethod.Post, "api/v2/admin/package/Budget.Skill/1.0.0/remove"),
            (HttpMethod.Post, "api/v2/admin/reports/00000000-0000-0000-0000-000000000000/dismiss"),
            (HttpMethod.Post, "api/v2/admin/accounts/someone/suspend"),
            (HttpMethod.Post, "api/v2/admin/accounts/someone/unsuspend"),
        ];
        foreach (var (method, path) in writes)
        {
            using var request = JsonBody(method, path, "{}");
            using var response = await client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Contains("budget=\"write\"", string.Join(",", response.Headers.GetValues("RateLimit-Policy")), System.StringComparison.Ordinal);
        }

        using var read = await client.GetAsync("api/v2/owners/budgeted/signing-keys", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("budget=\"read\"", string.Join(",", read.Headers.GetValues("RateLimit-Policy")), System.StringComparison.Ordinal);
    }

    private static HttpRequestMessage JsonBody(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private static Task<HttpResponseMessage> PublishAsync(ServerProcess server, string id, string key) =>
        PushAsync(server, new SkillPackageBuilder(id, "1.0.0").AddStructuredSkill("budget", "Publishes within a budget.").Build(), key);

    private static async Task<HttpResponseMessage> ReadAsync(ServerProcess server, string? key)
    {
        using var client = server.CreateClient(key);
        return await client.GetAsync("v3/index.json", Ct);
    }

    private static async Task<List<HttpStatusCode>> ReadManyAsync(ServerProcess server, string? key, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await ReadAsync(server, key)).StatusCode);
        }

        return statuses;
    }

    private static List<HttpStatusCode> Statuses(int count, HttpStatusCode first, HttpStatusCode last)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(first);
        }

        statuses.Add(last);
        return statuses;
    }
}
