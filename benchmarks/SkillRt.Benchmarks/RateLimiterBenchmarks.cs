using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Benchmarks;

/// <summary>
/// What the server's rate limiter adds to a request (issue 18's goal: under 20 µs): the same minimal
/// pipeline (a terminal that answers 200) with and without ASP.NET Core's rate-limiting middleware and
/// <see cref="ServerRateLimiter"/> (pick the bucket, take a permit, write the four RateLimit-* headers),
/// invoked directly with a fresh <see cref="DefaultHttpContext"/> per request. The budgets are large, so
/// every request is admitted: the common path. Anonymous requests are partitioned by address (1,000
/// addresses in turn), keyed ones by key.
/// </summary>
[MemoryDiagnoser]
public class RateLimiterBenchmarks
{
    private const int Addresses = 1000;

    private readonly IPAddress[] _addresses = new IPAddress[Addresses];
    private ServiceProvider _services = null!;
    private RequestDelegate _withoutLimiter = null!;
    private RequestDelegate _withLimiter = null!;
    private ServerCaller _caller = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<SkillRtServerOptions>().Configure(options =>
        {
            var huge = new RateLimitBudgetOptions { PermitsPerMinute = 600_000_000, Burst = 1_000_000_000 };
            options.RateLimits.Anonymous = huge;
            options.RateLimits.Read = huge;
        });
        services.AddSingleton<ServerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ServerRateLimiting>();
        _services = services.BuildServiceProvider();

        _withoutLimiter = Build(limited: false);
        _withLimiter = Build(limited: true);
        for (var i = 0; i < Addresses; i++)
        {
            _addresses[i] = new IPAddress([203, 0, (byte)(i / 256), (byte)(i % 256)]);
        }

        _caller = new ServerCaller(Guid.NewGuid(), "bench", false, Guid.NewGuid(), new HashSet<string>(), ["*"]);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task Anonymous_without_limiter() => _withoutLimiter(Anonymous());

    [Benchmark]
    public Task Anonymous_with_limiter() => _withLimiter(Anonymous());

    [Benchmark]
    public Task Key_without_limiter() => _withoutLimiter(Keyed());

    [Benchmark]
    public Task Key_with_limiter() => _withLimiter(Keyed());

    private RequestDelegate Build(bool limited)
    {
        var app = new ApplicationBuilder(_services);
        if (limited)
        {
            app.UseRateLimiter();
        }

        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return app.Build();
    }

    private DefaultHttpContext Anonymous()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = _addresses[_next++ % Addresses];
        return context;
    }

    private DefaultHttpContext Keyed()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Items[typeof(ServerCaller)] = _caller;
        return context;
    }
}
