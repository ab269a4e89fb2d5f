using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Publishing;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// The moderation API, each route a thin adapter over <see cref="ModerationService"/>: authors read
/// findings and appeal, anyone with a key reports abuse, administrators work the queue.
/// </summary>
internal static class ModerationEndpoints
{
    // Bodies are short texts; 16 KiB holds the longest with room for JSON escaping.
    private const int MaxBodyBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder registry)
    {
        registry.MapGet(ModerationRoutes.Findings, async (string id, string version, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
        {
            var (view, problem) = await moderation.GetFindingsAsync(context.GetServerCaller()!, id, version, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Ok(view);
        }).RequireApiKey();

        registry.MapPost(ModerationRoutes.Appeal, async (string id, string version, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
        {
            var (request, invalid) = await ServerJson.ReadBodyAsync<AppealRequest>(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }

            var (appeal, problem) = await moderation.AppealAsync(context.GetServerCaller()!, id, version, request!.Text, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Created((string?)null, appeal);
        }).RequireScope(RegistryScopes.Publish).RequireWriteRateLimit();

        registry.MapPost(ModerationRoutes.Reports, async (HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
        {
            var (request, invalid) = await ServerJson.ReadBodyAsync<AbuseReportRequest>(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }

            var (report, problem) = await moderation.ReportAsync(context.GetServerCaller()!, request!, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Created((string?)null, report);
        }).RequireApiKey().RequireWriteRateLimit();

        MapAdmin(registry.MapGroup(ModerationRoutes.Admin).RequireScope(ApiKeyScopes.Admin).AddEndpointFilter(AdministratorsOnly));
    }

    private static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/queue", async (HttpRequest request, ModerationService moderation, CancellationToken cancellationToken) =>
        {
            var take = 50;
            if (request.Query.TryGetValue("take", out var value) && (!int.TryParse(value, out take) || take < 1 || take > ModerationService.MaxQueueTake))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid query parameter 'take'",
                    detail: $"'take' must be a number from 1 to {ModerationService.MaxQueueTake}.");
            }

            return Results.Ok(await moderation.GetQueueAsync(take, cancellationToken).ConfigureAwait(false));
        });

        admin.MapPost("/package/{id}/{version}/release", (string id, string version, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
            ActAsync(context, (caller, reason) => moderation.ReleaseAsync(caller, id, version, reason, cancellationToken), cancellationToken)).RequireWriteRateLimit();
        admin.MapPost("/package/{id}/{version}/remove", (string id, string version, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
            ActAsync(context, (caller, reason) => moderation.RemoveAsync(caller, id, version, reason, cancellationToken), cancellationToken)).RequireWriteRateLimit();
        admin.MapPost("/reports/{reportId}/dismiss", (string reportId, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
            ActAsync(context, (caller, reason) => moderation.DismissReportAsync(caller, reportId, reason, cancellationToken), cancellationToken)).RequireWriteRateLimit();
        admin.MapPost("/accounts/{account}/suspend", (string account, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
            ActAsync(context, (caller, reason) => moderation.SetSuspendedAsync(caller, account, suspended: true, reason, cancellationToken), cancellationToken)).RequireWriteRateLimit();
        admin.MapPost("/accounts/{account}/unsuspend", (string account, HttpContext context, ModerationService moderation, CancellationToken cancellationToken) =>
            ActAsync(context, (caller, reason) => moderation.SetSuspendedAsync(caller, account, suspended: false, reason, cancellationToken), cancellationToken)).RequireWriteRateLimit();
    }

    // An action's body is optional ({"reason": …}); an empty body means no note.
    private static async System.Threading.Tasks.Task<IResult> ActAsync(HttpContext context, Func<ServerCaller, string?, System.Threading.Tasks.Task<PublishProblem?>> action, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (context.Request.ContentLength is not 0 && (context.Request.ContentLength is not null || context.Request.ContentType is not null))
        {
            var (request, invalid) = await ServerJson.ReadBodyAsync<ModerationActionRequest>(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }

            reason = request!.Reason;
        }

        var problem = await action(context.GetServerCaller()!, reason).ConfigureAwait(false);
        return problem?.ToResult() ?? Results.NoContent();
    }

    // The admin scope is granted to administrators only, but the account may have lost the role since the key was made.
    private static async System.Threading.Tasks.ValueTask<object?> AdministratorsOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetServerCaller() is { IsAdministrator: true }
            ? await next(context).ConfigureAwait(false)
            : Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Administrators only",
                detail: "The moderation queue and its actions are for the server's administrators; use an administrator's key with the 'admin' scope.");
}
