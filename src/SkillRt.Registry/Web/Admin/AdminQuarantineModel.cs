using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Publishing;
using SkillRt.Server.Identity;
using SkillRt.Server.Web;

namespace SkillRt.Registry.Web.Admin;

/// <summary>
/// <c>/admin/quarantine</c>: the quarantined versions with their findings and appeals, and the
/// administrator's two answers, release or reject (remove the version), through the same
/// <see cref="ModerationService"/> methods as the admin API, so the audit log records them alike.
/// </summary>
[Authorize(Policy = WebSession.AdministratorPolicy)]
internal sealed class AdminQuarantineModel(ModerationService moderation) : PageModel
{
    public const int PageSize = 25;

    public int Total { get; private set; }

    public IReadOnlyList<QuarantinedView> Versions { get; private set; } = [];

    /// <summary>The <c>page</c> query parameter, from 1.</summary>
    public int PageNumber => WebPaging.PageNumber(Request);

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>What the last action did (after its redirect): <c>released</c> or <c>removed</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Package { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Version { get; set; }

    public AdminActionError? Error { get; private set; }

    /// <summary>The reason typed with a refused action, to show it again.</summary>
    public string? Reason { get; private set; }

    public static string Key(string id, string version) => id + "/" + version;

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostReleaseAsync([FromForm] string id, [FromForm] string version, [FromForm] string? reason) =>
        ActAsync(id, version, reason, "released", caller => moderation.ReleaseAsync(caller, id, version, Blank(reason), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRemoveAsync([FromForm] string id, [FromForm] string version, [FromForm] string? reason) =>
        ActAsync(id, version, reason, "removed", caller => moderation.RemoveAsync(caller, id, version, reason, HttpContext.RequestAborted));

    private async Task<IActionResult> ActAsync(string id, string version, string? reason, string done, Func<ServerCaller, Task<PublishProblem?>> action)
    {
        if (await action(HttpContext.GetServerCaller()!).ConfigureAwait(false) is { } problem)
        {
            Error = new AdminActionError(Key(id, version), problem);
            Reason = reason;
            Response.StatusCode = problem.StatusCode;
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        return LocalRedirect($"/admin/quarantine?done={done}&package={Uri.EscapeDataString(id)}&version={Uri.EscapeDataString(version)}");
    }

    private async Task LoadAsync()
    {
        (Total, Versions) = await moderation.GetQuarantinedAsync(PageSize, HttpContext.RequestAborted, skip: (int)Math.Min(int.MaxValue, (PageNumber - 1L) * PageSize)).ConfigureAwait(false);
    }

    // An empty note is no note: the audit entry records null rather than "".
    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
