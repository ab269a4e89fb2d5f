using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Web.Pages;

/// <summary><c>/account</c>: who the session is (account, role, owners) and the key it was started with.</summary>
[Authorize(Policy = WebSession.SignedInPolicy)]
internal sealed class AccountModel(IdentityService identity) : PageModel
{
    public ServerCaller Caller { get; private set; } = null!;

    /// <summary>The user's own owner and the organisations the account is a member of.</summary>
    public IReadOnlyList<OwnerInfo> Owners { get; private set; } = [];

    /// <summary>The key the session was started with (null only if it vanished since this request was authenticated).</summary>
    public ApiKeyView? SessionKey { get; private set; }

    public async Task OnGetAsync()
    {
        Caller = HttpContext.GetServerCaller()!;
        var cancellationToken = HttpContext.RequestAborted;
        Owners = await identity.GetOwnersOfAsync(Caller.AccountId, cancellationToken).ConfigureAwait(false);
        SessionKey = await identity.GetKeyAsync(Caller.AccountId, Caller.KeyId, cancellationToken).ConfigureAwait(false);
    }
}
