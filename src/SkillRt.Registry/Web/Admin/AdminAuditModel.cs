using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Hosting;
using SkillRt.Server.Web;

namespace SkillRt.Registry.Web.Admin;

/// <summary>
/// <c>/admin/audit</c>: the audit log, newest first, with the API's filters (<c>action</c>, <c>actor</c>,
/// <c>package</c>, <c>since</c>, <c>until</c>) and cursor paging, read by the same <see cref="AuditLogReader"/>.
/// </summary>
[Authorize(Policy = WebSession.AdministratorPolicy)]
internal sealed class AdminAuditModel(AuditLogReader reader, IOptions<RegistryOptions> options) : PageModel
{
    public AuditLogPage? Log { get; private set; }

    /// <summary>The parameter that is wrong, and what to write instead.</summary>
    public (string Parameter, string Detail)? Error { get; private set; }

    public string? Filter(string name) => Request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>This page's URL with the same filters, starting at <paramref name="cursor"/> (older entries), or at the newest without one.</summary>
    public string PageUrl(long? cursor = null)
    {
        var query = new QueryBuilder();
        foreach (var name in new[] { "action", "actor", "package", "since", "until", "take" })
        {
            if (Filter(name) is { } value)
            {
                query.Add(name, value);
            }
        }

        if (cursor is { } before)
        {
            query.Add("cursor", before.ToString(CultureInfo.InvariantCulture));
        }

        return "/admin/audit" + query.ToQueryString();
    }

    public async Task OnGetAsync()
    {
        var (query, error) = AuditLogQuery.Parse(Request.Query, options.Value.MaxPageSize);
        if (query is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Log = await reader.ReadAsync(query, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
