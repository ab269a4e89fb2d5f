using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Server.Identity;
using SkillRt.Server.Web;

namespace SkillRt.Server.Hosting;

/// <summary>Maps the endpoints every SkillRt server has: health and the identity API.</summary>
public static class ServerEndpointRouteBuilderExtensions
{
    internal const string ReadyTag = "ready";

    /// <summary>
    /// The server's middleware, in the order it must run: the client's address from trusted proxies
    /// (<c>SkillRt:ForwardedHeaders</c>, when set), errors become problem documents (never a stack trace),
    /// API keys are authenticated, requests counted against their rate-limit budget, endpoints authorised.
    /// </summary>
    public static IApplicationBuilder UseSkillRtServer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        EnsureAdded(app.ApplicationServices, "UseSkillRtServer");
        // Always in the pipeline (it reads the options when the server starts, after they are validated);
        // without trusted proxies it is configured to read no header at all.
        app.UseForwardedHeaders();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseServerWeb();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (migrations done, database
    /// and blob store reachable), the identity API under <c>/api/v1</c> (keys, accounts, organisations),
    /// and the web pages of every module with their assets under <c>/assets/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSkillRtServer(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        EnsureAdded(routes.ServiceProvider, "MapSkillRtServer");
        // Load balancers poll these; they are cheap and never limited.
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        IdentityEndpoints.Map(routes);
        routes.MapServerWeb();
        return routes;
    }

    /// <summary>
    /// Throws a clear error when <c>AddSkillRtServer</c> was not called: a module's <c>Map…</c> calls this
    /// first, so the mistake is named at start-up instead of surfacing as a missing service on the first request.
    /// </summary>
    public static void EnsureAdded(IServiceProvider services, string caller)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<SkillRtServerMarker>() is null)
        {
            throw new InvalidOperationException($"{caller} needs the SkillRt server's services: call services.AddSkillRtServer(configuration) (and the module's Add… method) before building the app.");
        }
    }
}
