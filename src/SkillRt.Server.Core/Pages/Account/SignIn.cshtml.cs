using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SkillRt.Server.Web.Pages;

/// <summary>The sign-in form: an API key in, a session cookie out (<see cref="WebSession"/>).</summary>
internal sealed class SignInModel : PageModel
{
    /// <summary>Where to go after signing in: a path on this server only, never another site.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync([FromForm] string? key)
    {
        Error = await WebSession.SignInAsync(HttpContext, key, HttpContext.RequestAborted).ConfigureAwait(false);
        if (Error is not null)
        {
            Response.StatusCode = 400;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith(WebSession.SignInPath, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/account");
    }
}
