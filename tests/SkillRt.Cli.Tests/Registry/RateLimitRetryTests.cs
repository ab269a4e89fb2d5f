using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Registry;

/// <summary>
/// The CLI against a registry that answers 429: it waits as long as Retry-After says and tries again,
/// saying so on stderr, within the bounds of SKILLRT_HTTP_MAX_ATTEMPTS and SKILLRT_HTTP_MAX_RETRY_WAIT.
/// The real server's anonymous budget refills one permit a second, and the scripted registries ask for
/// 1 s, so the only waits are those.
/// </summary>
public sealed class RateLimitRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_waits_for_retry_after_and_says_so_on_stderr()
    {
        // One anonymous request at a time: the service index takes it, so the search itself is refused once.
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Anonymous:Burst"] = "1",
            ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "60",
        });
        using var cli = DefaultBounds(new SkillCli());

        // The bucket gains a permit every second; if that happens between the service index and the search
        // (a few milliseconds), the search is not refused, so a run that was not refused is run again.
        var retried = false;
        for (var run = 0; run < 3 && !retried; run++)
        {
            var result = await cli.RunAsync("search", "review", "--source", server.BaseUrl + "v3/index.json");
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.DoesNotContain("rate limited", result.Output, StringComparison.Ordinal);
            retried = result.Error.Contains($"rate limited by {server.BaseUrl.Authority}; retrying in 1 s (attempt 2 of 5)", StringComparison.Ordinal);
        }

        Assert.True(retried, "no search was refused and retried");
    }

    [Fact]
    public async Task Publish_sends_the_whole_package_again_after_the_wait()
    {
        // A registry that refuses the first push with 429 and Retry-After: 1, then takes the second, keeping
        // both package files: the multipart body's file stream must be rewound, not sent empty.
        var pushes = new List<byte[]>();
        await using var app = await StartAsync(async context =>
        {
            var request = context.Request;
            if (request.Method == "GET")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"version": "3.0.0", "resources": [{"@id": "/api/v2/package", "@type": "PackagePublish/2.0.0"}]}""", Ct);
                return;
            }

            var form = await request.ReadFormAsync(Ct);
            using var copy = new System.IO.MemoryStream();
            await form.Files[0].CopyToAsync(copy, Ct);
            lock (pushes)
            {
                pushes.Add(copy.ToArray());
            }

            if (pushes.Count == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}", Ct);
        });
        using var cli = DefaultBounds(new SkillCli());
        cli.Environment["SKILLRT_API_KEY"] = "skr_test";
        cli.WriteFile("greeter/SKILL.md", "---\nname: greeter\ndescription: Greets someone.\nversion: 1.0.0\n---\nSay hello.\n");

        var result = await cli.RunAsync("publish", "greeter", "--source", Address(app) + "/v3/index.json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"rate limited by {new Uri(Address(app)).Authority}; retrying in 1 s (attempt 2 of 5)", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, pushes.Count);
        Assert.NotEmpty(pushes[0]);
        Assert.Equal(pushes[0], pushes[1]);
    }

    [Fact]
    public async Task Retrying_stops_at_the_attempt_and_wait_bounds_and_the_429_is_reported()
    {
        var requests = 0;
        await using var app = await StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync("{\"status\":429,\"title\":\"Too many requests\",\"detail\":\"Slow down.\"}", Ct);
        });
        var url = Address(app) + "/v3/index.json";
        var authority = new Uri(url).Authority;
        using var cli = DefaultBounds(new SkillCli());

        // Two attempts: one wait of 1 s, then the 429 is the answer.
        cli.Environment["SKILLRT_HTTP_MAX_ATTEMPTS"] = "2";
        var bounded = await cli.RunAsync("search", "review", "--source", url);
        Assert.NotEqual(0, bounded.ExitCode);
        Assert.Equal(2, requests);
        Assert.Contains($"rate limited by {authority}; retrying in 1 s (attempt 2 of 2)", bounded.Error, StringComparison.Ordinal);
        Assert.Contains("Slow down", bounded.Error, StringComparison.Ordinal);

        // No time to wait: no second request, and it says why.
        cli.Environment["SKILLRT_HTTP_MAX_ATTEMPTS"] = null;
        cli.Environment["SKILLRT_HTTP_MAX_RETRY_WAIT"] = "0";
        var impatient = await cli.RunAsync("search", "review", "--source", url);
        Assert.NotEqual(0, impatient.ExitCode);
        Assert.Equal(3, requests);
        Assert.Contains($"rate limited by {authority}; not retrying: it asks for 1 s, more than the 0 s left of SKILLRT_HTTP_MAX_RETRY_WAIT (0 s)", impatient.Error, StringComparison.Ordinal);

        // A bound that is not a number is named.
        cli.Environment["SKILLRT_HTTP_MAX_RETRY_WAIT"] = "soon";
        var bad = await cli.RunAsync("search", "review", "--source", url);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("the environment variable SKILLRT_HTTP_MAX_RETRY_WAIT is 'soon'; it must be a whole number from 0 to 86400", bad.Error, StringComparison.Ordinal);
        Assert.Equal(3, requests);
    }

    /// <summary>A Kestrel on 127.0.0.1 that answers every request with <paramref name="handler"/>.</summary>
    private static async Task<WebApplication> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(Ct);
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');

    /// <summary>The defaults (5 attempts, 60 s), whatever the machine running the tests has set.</summary>
    private static SkillCli DefaultBounds(SkillCli cli)
    {
        cli.Environment["SKILLRT_HTTP_MAX_ATTEMPTS"] = null;
        cli.Environment["SKILLRT_HTTP_MAX_RETRY_WAIT"] = null;
        return cli;
    }
}
