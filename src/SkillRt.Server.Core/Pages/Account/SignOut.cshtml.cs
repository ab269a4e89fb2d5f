using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SkillRt.Server.Web.Pages;

/// <summary>Ends the session (a POST with an antiforgery token, so no other site can sign anyone out).</summary>
/// <remarks>
/// For signed-in sessions only: a page behind the session policy (the account page's Sign out button)
/// issues antiforgery tokens bound to the signed-in user, and they validate only where the POST is
/// authenticated the same way; anonymously there is nothing to end.
/// </remarks>
[Authorize(Policy = WebSession.SignedInPolicy)]
internal sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSession.Scheme).ConfigureAwait(false);
        return LocalRedirect("/");
    }
}
