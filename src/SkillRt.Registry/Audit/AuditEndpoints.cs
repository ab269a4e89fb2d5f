using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Audit;

/// <summary>
/// <c>GET api/v2/audit</c>: the audit log, newest first, for administrators (a key with the <c>admin</c>
/// scope; anyone else gets 403). Filters and paging are <see cref="AuditLogQuery"/>'s; a page ends with
/// <c>nextCursor</c> when older entries match, which stays valid however many entries are written meanwhile.
/// </summary>
internal static class AuditEndpoints
{
    public const string Route = "api/v2/audit";

    public static void Map(IEndpointRouteBuilder registry) =>
        registry.MapGet(Route, ListAsync).RequireScope(ApiKeyScopes.Admin);

    private static async Task<IResult> ListAsync(HttpRequest request, RegistryDbContext database, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        var (query, problem) = AuditLogQuery.Read(request.Query, options.Value.MaxPageSize);
        if (query is null)
        {
            return problem!;
        }

        var entries = database.Set<RegistryAuditEntry>().AsNoTracking();
        if (query.Package is { } package)
        {
            entries = entries.Where(e => e.NormalizedPackageId == package);
        }

        if (query.ActorId is { } actorId)
        {
            entries = entries.Where(e => e.ActorAccountId == actorId);
        }
        else if (query.Actor is { } actor)
        {
            // Translated to SQL's lower() on both engines (account names are ASCII); the culture rules do not apply.
#pragma warning disable CA1304, CA1311, CA1862
            entries = entries.Where(e => e.ActorName.ToLower() == actor);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.Since is { } since)
        {
            entries = entries.Where(e => e.OccurredAt >= since);
        }

        if (query.Until is { } until)
        {
            entries = entries.Where(e => e.OccurredAt < until);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        // One more than asked: whether an older page exists, without counting.
        var page = await entries.OrderByDescending(e => e.Id).Take(query.Take + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > query.Take;
        var items = new JsonArray(page.Take(query.Take).Select(e => (JsonNode)View(e)).ToArray());
        return Results.Json(new JsonObject
        {
            ["items"] = items,
            ["nextCursor"] = more ? page[query.Take - 1].Id.ToString(CultureInfo.InvariantCulture) : null,
        });
    }

    private static JsonObject View(RegistryAuditEntry entry) => new()
    {
        ["id"] = entry.Id.ToString(CultureInfo.InvariantCulture),
        ["time"] = System.DateTime.SpecifyKind(entry.OccurredAt, System.DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        ["actor"] = new JsonObject { ["accountId"] = entry.ActorAccountId?.ToString(), ["name"] = entry.ActorName },
        ["action"] = entry.Action,
        ["packageId"] = entry.PackageId,
        ["packageVersion"] = entry.PackageVersion,
        ["target"] = entry.Target,
        ["details"] = entry.DetailsJson is null ? null : JsonNode.Parse(entry.DetailsJson),
        ["clientAddress"] = entry.ClientAddress,
    };
}
