using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SkillRt.Registry.Web.Owners;

/// <summary><c>/owners/{name}</c>: a user or organisation and what it publishes; public, 404 for an unknown owner.</summary>
internal sealed class OwnerPageModel(OwnerPageReader reader) : PageModel
{
    public OwnerPage Owner { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var found = await reader.ReadAsync(name, WebPaging.PageNumber(Request), HttpContext.RequestAborted).ConfigureAwait(false);
        if (found is null)
        {
            return NotFound();
        }

        Owner = found;
        return Page();
    }
}
