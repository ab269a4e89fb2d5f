using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Web.Admin;
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

    private static async Task<IResult> ListAsync(HttpRequest request, AuditLogReader reader, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        var (query, problem) = AuditLogQuery.Read(request.Query, options.Value.MaxPageSize);
        if (query is null)
        {
            return problem!;
        }

        var page = await reader.ReadAsync(query, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject
        {
            ["items"] = new JsonArray(page.Entries.Select(e => (JsonNode)View(e)).ToArray()),
            ["nextCursor"] = page.NextCursor?.ToString(CultureInfo.InvariantCulture),
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
