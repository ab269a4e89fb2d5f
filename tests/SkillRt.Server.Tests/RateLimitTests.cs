using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>Every client has its own bucket: anonymous clients by address, key holders by key.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_limit_a_client_gets_429_with_retry_after_and_other_clients_do_not()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:AnonymousPerMinute"] = "5",
        });

        using var anonymous = server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await anonymous.GetAsync("api/v1/scopes", Ct)).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);

        var refused = await anonymous.GetAsync("api/v1/scopes", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta?.TotalSeconds >= 1);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        // The key has a bucket of its own, and health checks are never limited.
        using var withKey = server.CreateClient(server.AdministratorKey);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("api/v1/account", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health/ready", Ct)).StatusCode);
    }
}
