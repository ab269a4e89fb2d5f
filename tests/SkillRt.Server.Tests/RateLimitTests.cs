using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// The rate limits against the real server program: a flood from one key is refused with 429 and the
/// RateLimit-* headers while another key is served; the client address comes from X-Forwarded-For only
/// when the proxy is trusted; bad settings stop the start. (The budgets' separation, with real publishes,
/// is in the registry's tests.)
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flood_from_one_key_gets_429s_with_headers_while_another_key_is_served()
    {
        const int Burst = 100;
        const int PerMinute = 600;
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Read:PermitsPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SkillRt:RateLimits:Read:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var admin = server.CreateClient(server.AdministratorKey);
        var created = await admin.PostAsJsonAsync("api/v1/keys", new { name = "bystander", scopes = new[] { "keys:manage" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bystanderKey = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;

        // The flood: 2,000 requests from the administrator key, 16 at a time, while the bystander makes
        // 80 requests one after another; the bystander's budget is its own, so every one of them is served.
        const int Flood = 2000;
        var statuses = new ConcurrentBag<HttpStatusCode>();
        HttpResponseMessage? refusal = null;
        var next = 0;
        var clock = Stopwatch.StartNew();
        var flooders = Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Flood)
            {
                var response = await admin.GetAsync("api/v1/account", Ct);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await response.Content.LoadIntoBufferAsync(Ct);
                    Interlocked.CompareExchange(ref refusal, response, null);
                }
            }
        }).ToList();

        using var bystander = server.CreateClient(bystanderKey);
        var bystanderStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
        {
            bystanderStatuses.Add((await bystander.GetAsync("api/v1/account", Ct)).StatusCode);
        }

        await Task.WhenAll(flooders);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(Flood, statuses.Count);
        Assert.All(bystanderStatuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var served = statuses.Count(status => status == HttpStatusCode.OK);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Flood} requests in {seconds:0.0} s: {served} served, the rest refused with 429");
        Assert.Equal(Flood, served + statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        // The burst, plus what refilled while the flood lasted (10 a second), plus one period's rounding.
        Assert.InRange(served, Burst, Burst + (int)Math.Ceiling(seconds * PerMinute / 60) + 10);

        Assert.NotNull(refusal);
        Assert.True(refusal.Headers.RetryAfter?.Delta?.TotalSeconds >= 1, "a 429 says when to retry");
        Assert.Equal("100", Header(refusal, "RateLimit-Limit"));
        Assert.Equal("0", Header(refusal, "RateLimit-Remaining"));
        Assert.InRange(int.Parse(Header(refusal, "RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture), 1, 10);
        Assert.Equal("600;w=60;burst=100;budget=\"read\"", Header(refusal, "RateLimit-Policy"));
        Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
        var problem = await refusal.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("read rate-limit budget", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A served request says how much is left.
        var fresh = await bystander.GetAsync("api/v1/account", Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("100", Header(fresh, "RateLimit-Limit"));
        Assert.InRange(int.Parse(Header(fresh, "RateLimit-Remaining"), System.Globalization.CultureInfo.InvariantCulture), 0, Burst - 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task X_Forwarded_For_picks_the_anonymous_bucket_only_from_a_trusted_proxy(bool trusted)
    {
        var settings = new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Anonymous:Burst"] = "3",
            ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "1",
        };
        if (trusted)
        {
            // The test's requests come from 127.0.0.1, as from a proxy on the same host.
            settings["SkillRt:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
            settings["SkillRt:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8";
        }

        await using var server = await ServerProcess.StartAsync(settings: settings);
        using var client = server.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await GetFromAsync(client, "203.0.113.5")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);

        // Another client behind the proxy: its own bucket when the proxy is trusted, else the same one
        // (a client cannot get a fresh bucket by making up the header). A chain through a trusted network
        // ends at the first address that is not a proxy.
        var other = await GetFromAsync(client, "198.51.100.7");
        var chained = await GetFromAsync(client, "198.51.100.8, 10.1.2.3");
        var expected = trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests;
        Assert.Equal(expected, other.StatusCode);
        Assert.Equal(expected, chained.StatusCode);

        // Health checks are never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("SkillRt:RateLimits:Write:Burst", "0", "SkillRt:RateLimits:Write:Burst is 0; it must be at least 1")]
    [InlineData("SkillRt:RateLimits:Read:PermitsPerMinute", "-5", "SkillRt:RateLimits:Read:PermitsPerMinute is -5; it must be at least 1")]
    [InlineData("SkillRt:RateLimits:AnonymousPerMinute", "60", "SkillRt:RateLimits:AnonymousPerMinute is no longer read; set SkillRt:RateLimits:Anonymous:PermitsPerMinute instead")]
    [InlineData("SkillRt:ForwardedHeaders:KnownProxies:0", "proxy.local", "SkillRt:ForwardedHeaders:KnownProxies has 'proxy.local', which is not an IP address")]
    [InlineData("SkillRt:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "SkillRt:ForwardedHeaders:KnownNetworks has '10.0.0.0/33', which is not a network in CIDR notation")]
    public async Task A_bad_limit_or_proxy_setting_stops_the_start_and_names_the_setting(string key, string value, string expected)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(settings: new Dictionary<string, string> { [key] = value }));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_limits_off_nothing_is_refused_and_no_headers_are_sent()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Enabled"] = "false",
            ["SkillRt:RateLimits:Anonymous:Burst"] = "1",
            ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "1",
        });
        using var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("api/v1/scopes", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit-Limit"));
        }
    }

    private static async Task<HttpResponseMessage> GetFromAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/scopes");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request, Ct);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"the response has no {name} header");
}
