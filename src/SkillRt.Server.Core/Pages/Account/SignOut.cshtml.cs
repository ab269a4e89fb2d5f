using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SkillRt.Server.Web.Pages;

/// <summary>Ends the session (a POST with an antiforgery token, so no other site can sign anyone out).</summary>
internal sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSession.Scheme).ConfigureAwait(false);
        return LocalRedirect("/");
    }
}
