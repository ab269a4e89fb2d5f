using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkillRt.Server.Hosting;

namespace SkillRt.Server.Identity;

/// <summary>
/// The identity API under <c>/api/v1</c>: who am I, keys (create, list, revoke), accounts
/// (administrators) and organisations. Each route is a thin adapter over <see cref="IdentityService"/>.
/// </summary>
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").WithTags("Identity");

        api.MapGet("/scopes", (ApiKeyScopeCatalog catalog) => Results.Ok(catalog.All));

        api.MapGet("/account", async (HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
        {
            var caller = context.GetServerCaller()!;
            var owners = await identity.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
            return Results.Ok(new
            {
                id = caller.AccountId,
                name = caller.AccountName,
                administrator = caller.IsAdministrator,
                key = new { id = caller.KeyId, scopes = caller.Scopes, packages = caller.PackagePatterns },
                owners,
            });
        }).RequireApiKey();

        api.MapGet("/keys", async (HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
            Results.Ok(await identity.ListKeysAsync(context.GetServerCaller()!.AccountId, cancellationToken).ConfigureAwait(false)))
            .RequireScope(ApiKeyScopes.KeysManage);

        api.MapPost("/keys", async (HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await ServerJson.ReadBodyAsync<ApiKeyRequest>(context.Request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var (key, error) = await identity.CreateKeyAsync(context.GetServerCaller()!, request!, cancellationToken).ConfigureAwait(false);
            return error is not null ? Problem(error) : Results.Created($"/api/v1/keys/{key!.Key.Id}", new { key.Key, secret = key.Secret });
        }).RequireScope(ApiKeyScopes.KeysManage).RequireWriteRateLimit();

        api.MapDelete("/keys/{id}", async (string id, HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
        {
            if (!Guid.TryParse(id, out var keyId))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid key ID", detail: $"'{Shorten(id)}' is not a key ID; 'skillrt keys list' shows them.");
            }

            var error = await identity.RevokeKeyAsync(context.GetServerCaller()!, keyId, cancellationToken).ConfigureAwait(false);
            return error is not null ? Problem(error) : Results.NoContent();
        }).RequireScope(ApiKeyScopes.KeysManage).RequireWriteRateLimit();

        api.MapPost("/accounts", async (HttpContext context, IdentityService identity, ApiKeyScopeCatalog catalog, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await ServerJson.ReadBodyAsync<AccountRequest>(context.Request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var administrator = request!.Administrator ?? false;
            var (key, error) = await identity.CreateAccountAsync(
                request.Name ?? "",
                administrator,
                administrator ? [.. AllScopes(catalog)] : [.. catalog.Default, ApiKeyScopes.KeysManage],
                cancellationToken).ConfigureAwait(false);
            return error is not null ? Problem(error) : Results.Created($"/api/v1/accounts/{request.Name}", new { name = request.Name, key!.Key, secret = key.Secret });
        }).RequireScope(ApiKeyScopes.Admin).RequireWriteRateLimit();

        api.MapPost("/organizations", async (HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await ServerJson.ReadBodyAsync<AccountRequest>(context.Request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var (owner, error) = await identity.CreateOrganizationAsync(context.GetServerCaller()!, request!.Name, cancellationToken).ConfigureAwait(false);
            return error is not null ? Problem(error) : Results.Created($"/api/v1/organizations/{owner!.Name}", owner);
        }).RequireScope(ApiKeyScopes.KeysManage).RequireWriteRateLimit();

        api.MapPut("/organizations/{organization}/members/{account}", async (string organization, string account, HttpContext context, IdentityService identity, CancellationToken cancellationToken) =>
        {
            var administrator = context.Request.Query["administrator"] == "true";
            var error = await identity.AddMemberAsync(context.GetServerCaller()!, organization, account, administrator, cancellationToken).ConfigureAwait(false);
            return error is not null ? Problem(error) : Results.NoContent();
        }).RequireScope(ApiKeyScopes.KeysManage).RequireWriteRateLimit();
    }

    public static string[] AllScopes(ApiKeyScopeCatalog catalog)
    {
        var names = new string[catalog.All.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = catalog.All[i].Name;
        }

        return names;
    }

    private static IResult Problem(IdentityError error) => Results.Problem(statusCode: error.StatusCode, title: error.Title, detail: error.Detail);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
