using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SkillRt.Server.Telemetry;

namespace SkillRt.Server;

/// <summary>What the server program adds around the modules: telemetry export and its start-up line.</summary>
internal static class ServerProgramExtensions
{
    /// <summary>The line the server prints once it listens; <c>skillrt serve</c> and the tests read the URL from it.</summary>
    public const string ListeningBanner = "SkillRt server listening on ";

    /// <summary>
    /// Traces and metrics of ASP.NET Core and of every <c>SkillRt.Server*</c> source and meter,
    /// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard variables
    /// configure the rest); without it nothing is exported and nothing is collected.
    /// </summary>
    public static WebApplicationBuilder AddServerTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("skillrt-server"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(ServerTelemetry.Name + "*")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(ServerTelemetry.Name + "*")
                .AddOtlpExporter());
        return builder;
    }

    /// <summary>The address the server listens on when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5480";

    /// <summary>Listens on <see cref="DefaultUrl"/> unless an address is configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>).</summary>
    public static WebApplicationBuilder UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>Prints the addresses the server listens on once it does (port 0 becomes the real port).</summary>
    public static WebApplication PrintAddressesOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses.OrderBy(a => a, StringComparer.Ordinal))
            {
                Console.Out.WriteLine(ListeningBanner + address.TrimEnd('/') + "/");
            }

            Console.Out.Flush();
        });
        return app;
    }
}
