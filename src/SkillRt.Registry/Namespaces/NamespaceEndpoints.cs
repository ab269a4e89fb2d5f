using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Ownership;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// <c>api/v2/namespaces</c> (reserved prefixes and their domain verification), <c>api/v2/packages/{id}/owners</c>
/// (co-owners, transfers) and <c>api/v2/owners/invitations</c>: thin adapters over
/// <see cref="NamespaceService"/> and <see cref="OwnershipService"/>. Reading needs an API key; changing
/// needs the <c>registry:owners</c> scope; bodies are JSON of at most 4 KiB.
/// </summary>
internal static class NamespaceEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder registry)
    {
        var namespaces = RegistryRoutes.Namespaces;
        registry.MapGet(namespaces, async (HttpContext context, NamespaceService service, CancellationToken ct) =>
        {
            var (list, problem) = await service.ListAsync(context.Request.Query["owner"], ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(list);
        }).RequireApiKey();

        registry.MapPost(namespaces, async (HttpContext context, NamespaceService service, CancellationToken ct) =>
        {
            var (request, bad) = await ServerJson.ReadBodyAsync<NamespaceRequest>(context.Request, MaxBodyBytes, ct).ConfigureAwait(false);
            if (bad is not null)
            {
                return bad;
            }

            var (reserved, problem) = await service.ReserveAsync(context.GetServerCaller()!, request!, ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(reserved);
        }).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapDelete(namespaces + "/{prefix}", async (string prefix, HttpContext context, NamespaceService service, CancellationToken ct) =>
            await service.ReleaseAsync(context.GetServerCaller()!, prefix, ct).ConfigureAwait(false) is { } problem ? problem.ToResult() : Results.NoContent())
            .RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        var verifications = namespaces + "/verifications";
        registry.MapGet(verifications, async (HttpContext context, NamespaceService service, CancellationToken ct) =>
            Results.Ok(await service.ListVerificationsAsync(context.GetServerCaller()!, ct).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Owners);

        registry.MapPost(verifications, async (HttpContext context, NamespaceService service, CancellationToken ct) =>
        {
            var (request, bad) = await ServerJson.ReadBodyAsync<NamespaceRequest>(context.Request, MaxBodyBytes, ct).ConfigureAwait(false);
            if (bad is not null)
            {
                return bad;
            }

            var (started, problem) = await service.StartVerificationAsync(context.GetServerCaller()!, request!, ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(started);
        }).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapPost(verifications + "/{id}/check", async (string id, HttpContext context, NamespaceService service, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var verificationId))
            {
                return OwnershipProblem.Invalid("Invalid verification ID", $"'{NamespacePrefix.Shorten(id)}' is not a verification ID; 'skillrt namespace verify' prints it.").ToResult();
            }

            var (verified, problem) = await service.CheckVerificationAsync(context.GetServerCaller()!, verificationId, ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(verified);
        }).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        MapOwners(registry);
    }

    private static void MapOwners(IEndpointRouteBuilder registry)
    {
        var owners = RegistryRoutes.Packages + "{id}/owners";
        registry.MapGet(owners, async (string id, HttpContext context, OwnershipService service, CancellationToken ct) =>
        {
            var (view, problem) = await service.GetAsync(context.GetServerCaller()!, id, ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(view);
        }).RequireApiKey();

        registry.MapPost(owners, (string id, HttpContext context, OwnershipService service, CancellationToken ct) =>
            InviteAsync(id, context, service, OwnerInvitationKind.CoOwner, ct)).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapPost(RegistryRoutes.Packages + "{id}/transfer", (string id, HttpContext context, OwnershipService service, CancellationToken ct) =>
            InviteAsync(id, context, service, OwnerInvitationKind.Transfer, ct)).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapPost(owners + "/{owner}/accept", async (string id, string owner, HttpContext context, OwnershipService service, CancellationToken ct) =>
        {
            var (view, problem) = await service.AcceptAsync(context.GetServerCaller()!, id, owner, ct).ConfigureAwait(false);
            return problem is not null ? problem.ToResult() : Results.Ok(view);
        }).RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapDelete(owners + "/{owner}", async (string id, string owner, HttpContext context, OwnershipService service, CancellationToken ct) =>
            await service.RemoveAsync(context.GetServerCaller()!, id, owner, ct).ConfigureAwait(false) is { } problem ? problem.ToResult() : Results.NoContent())
            .RequireScope(RegistryScopes.Owners).RequireWriteRateLimit();

        registry.MapGet(RegistryRoutes.Invitations, async (HttpContext context, OwnershipService service, CancellationToken ct) =>
            Results.Ok(await service.ListInvitationsAsync(context.GetServerCaller()!, ct).ConfigureAwait(false)))
            .RequireScope(RegistryScopes.Owners);
    }

    private static async System.Threading.Tasks.Task<IResult> InviteAsync(string id, HttpContext context, OwnershipService service, OwnerInvitationKind kind, CancellationToken ct)
    {
        var (request, bad) = await ServerJson.ReadBodyAsync<OwnerRequest>(context.Request, MaxBodyBytes, ct).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        var (invitation, problem) = await service.InviteAsync(context.GetServerCaller()!, id, request!, kind, ct).ConfigureAwait(false);
        return problem is not null ? problem.ToResult() : Results.Created($"{RegistryRoutes.Packages}{Uri.EscapeDataString(id)}/owners", invitation);
    }
}
