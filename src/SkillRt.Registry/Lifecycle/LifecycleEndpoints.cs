using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Publishing;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// The lifecycle API next to NuGet's unlist and relist (<c>DELETE</c>/<c>POST api/v2/package/{id}/{version}</c>),
/// each route a thin adapter over <see cref="PackageLifecycle"/>, 204 on success:
/// <c>PUT …/deprecation</c> (a <see cref="DeprecationRequest"/>) and <c>DELETE …/deprecation</c>;
/// <c>PUT …/yank</c> and <c>DELETE …/yank</c>; <c>POST …/delete</c>, deleting the version for good.
/// </summary>
internal static class LifecycleEndpoints
{
    public const string DeprecationRoute = PublishEndpoints.VersionRoute + "/deprecation";
    public const string YankRoute = PublishEndpoints.VersionRoute + "/yank";
    public const string DeleteRoute = PublishEndpoints.VersionRoute + "/delete";

    // A deprecation is a few reasons, a message of at most 1,000 characters and an alternative.
    private const int MaxDeprecationBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder registry)
    {
        registry.MapPut(DeprecationRoute, async (string id, string version, HttpContext context, PackageLifecycle lifecycle, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await ServerJson.ReadBodyAsync<DeprecationRequest>(context.Request, MaxDeprecationBytes, cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                return problem!;
            }

            var (deprecation, invalid) = request.Validate();
            if (deprecation is null)
            {
                return PublishProblem.Invalid("Invalid deprecation", invalid!).ToResult();
            }

            return Answer(await lifecycle.SetDeprecationAsync(context.GetServerCaller()!, id, version, deprecation, cancellationToken).ConfigureAwait(false));
        }).RequireScope(RegistryScopes.Lifecycle).RequireWriteRateLimit();

        registry.MapDelete(DeprecationRoute, async (string id, string version, HttpContext context, PackageLifecycle lifecycle, CancellationToken cancellationToken) =>
            Answer(await lifecycle.SetDeprecationAsync(context.GetServerCaller()!, id, version, null, cancellationToken).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Lifecycle).RequireWriteRateLimit();

        registry.MapPut(YankRoute, async (string id, string version, HttpContext context, PackageLifecycle lifecycle, CancellationToken cancellationToken) =>
            Answer(await lifecycle.SetYankedAsync(context.GetServerCaller()!, id, version, yanked: true, cancellationToken).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Lifecycle).RequireWriteRateLimit();

        registry.MapDelete(YankRoute, async (string id, string version, HttpContext context, PackageLifecycle lifecycle, CancellationToken cancellationToken) =>
            Answer(await lifecycle.SetYankedAsync(context.GetServerCaller()!, id, version, yanked: false, cancellationToken).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Lifecycle).RequireWriteRateLimit();

        registry.MapPost(DeleteRoute, async (string id, string version, HttpContext context, PackageLifecycle lifecycle, CancellationToken cancellationToken) =>
            Answer(await lifecycle.DeleteAsync(context.GetServerCaller()!, id, version, cancellationToken).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Delete).RequireWriteRateLimit();
    }

    private static IResult Answer(PublishProblem? problem) => problem?.ToResult() ?? Results.NoContent();
}
