using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkillRt.Registry.Hosting;
using SkillRt.Server.Hosting;
using SkillRt.Registry.Moderation;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// NuGet's PackagePublish/2.0.0 resource, each route a thin adapter over <see cref="PackagePublisher"/>:
/// <c>PUT api/v2/package</c> publishes (what <c>dotnet nuget push</c> sends), <c>DELETE
/// api/v2/package/{id}/{version}</c> unlists (what <c>dotnet nuget delete</c> sends; a version is never
/// deleted, so nothing that depends on it breaks) and <c>POST</c> on the same path relists.
/// </summary>
internal static class PublishEndpoints
{
    public const string VersionRoute = RegistryRoutes.Publish + "/{id}/{version}";

    public static void Map(IEndpointRouteBuilder registry, string pattern)
    {
        registry.MapPut(RegistryRoutes.Publish, async (HttpContext context, PackagePublisher publisher, CancellationToken cancellationToken) =>
        {
            var (published, problem) = await publisher.PublishAsync(context.GetServerCaller()!, context.Request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem.ToResult();
            }

            var id = published!.Id.ToLowerInvariant();
            var version = published.Version.ToLowerInvariant();
            var location = $"/{pattern.Trim('/')}/{RegistryRoutes.FlatContainer}{id}/{version}/{id}.{version}.nupkg".Replace("//", "/", StringComparison.Ordinal);
            return QuarantineResponse.For(published, pattern) ?? Results.Created(location, published);
        }).RequireScope(RegistryScopes.Publish).RequireWriteRateLimit().DisableAntiforgery();

        registry.MapDelete(VersionRoute, async (string id, string version, HttpContext context, PackagePublisher publisher, CancellationToken cancellationToken) =>
            await publisher.SetListedAsync(context.GetServerCaller()!, id, version, listed: false, cancellationToken).ConfigureAwait(false) is { } problem
                ? problem.ToResult()
                : Results.NoContent()).RequireScope(RegistryScopes.Unlist).RequireWriteRateLimit();

        registry.MapPost(VersionRoute, async (string id, string version, HttpContext context, PackagePublisher publisher, CancellationToken cancellationToken) =>
            await publisher.SetListedAsync(context.GetServerCaller()!, id, version, listed: true, cancellationToken).ConfigureAwait(false) is { } problem
                ? problem.ToResult()
                : Results.NoContent()).RequireScope(RegistryScopes.Unlist).RequireWriteRateLimit();
    }
}
