using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Server.Web;

namespace SkillRt.Registry.Web.Admin;

/// <summary><c>/admin</c>: what waits for an administrator, with links to each queue.</summary>
[Authorize(Policy = WebSession.AdministratorPolicy)]
internal sealed class AdminIndexModel(AdminOverviewReader reader) : PageModel
{
    public AdminOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync() => Overview = await reader.ReadAsync(HttpContext.RequestAborted).ConfigureAwait(false);
}
