using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Web.Pages;

/// <summary>
/// <c>/account/keys/{id}/revoke</c>: the confirmation (a page, so it works without JavaScript) and the
/// revocation itself, as the API's (<see cref="IdentityService.RevokeKeyAsync"/>). Revoking the key the
/// session runs on ends the session.
/// </summary>
[Authorize(Policy = WebSession.SignedInPolicy)]
internal sealed class RevokeKeyModel(IdentityService identity) : PageModel
{
    /// <summary>Where the sign-in page says the session ended because its key was revoked.</summary>
    public const string SignedOutPath = WebSession.SignInPath + "?ended=revoked";

    public ApiKeyView Key { get; private set; } = null!;

    /// <summary>Whether the key is the one this session was started with.</summary>
    public bool IsSessionKey { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id).ConfigureAwait(false) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }

        var caller = HttpContext.GetServerCaller()!;
        if (await identity.RevokeKeyAsync(caller, id, HttpContext.RequestAborted).ConfigureAwait(false) is { } error)
        {
            Refusal = error.Detail;
            Response.StatusCode = error.StatusCode;
            return Page();
        }

        if (IsSessionKey)
        {
            await HttpContext.SignOutAsync(WebSession.Scheme).ConfigureAwait(false);
            return LocalRedirect(SignedOutPath);
        }

        return LocalRedirect($"/account/keys?revoked={id}");
    }

    // The account's own keys only: the page never confirms that someone else's key exists.
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var caller = HttpContext.GetServerCaller()!;
        var key = await identity.GetKeyAsync(caller.AccountId, id, HttpContext.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return NotFound();
        }

        Key = key;
        IsSessionKey = key.Id == caller.KeyId;
        if (!caller.HasScope(ApiKeyScopes.KeysManage))
        {
            Refusal = KeysModel.NoManageScope;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return null;
    }
}
