using System;
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
/// <c>/admin/reports</c>: abuse reports by state, newest first, and what the admin API allows with an
/// open one: dismiss it, or (for a report about a version) remove the version, which closes it as actioned.
/// </summary>
[Authorize(Policy = WebSession.AdministratorPolicy)]
internal sealed class AdminReportsModel(AbuseReportReader reader, ModerationService moderation) : PageModel
{
    public AbuseReportPage Reports { get; private set; } = null!;

    /// <summary><c>open</c> (the default), <c>dismissed</c>, <c>actioned</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>The <c>page</c> query parameter, from 1.</summary>
    public int PageNumber => WebPaging.PageNumber(Request);

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public AdminActionError? Error { get; private set; }

    public string? Reason { get; private set; }

    public string StateOrDefault => State is "all" || (State is not null && Array.IndexOf(AbuseReportReader.States, State) >= 0) ? State : ModerationStates.Open;

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostDismissAsync([FromForm] string reportId, [FromForm] string? reason) =>
        ActAsync(reportId, reason, "dismissed", caller => moderation.DismissReportAsync(caller, reportId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRemoveAsync([FromForm] string reportId, [FromForm] string id, [FromForm] string version, [FromForm] string? reason) =>
        ActAsync(reportId, reason, "removed", caller => moderation.RemoveAsync(caller, id, version, reason, HttpContext.RequestAborted));

    private async Task<IActionResult> ActAsync(string reportId, string? reason, string done, Func<ServerCaller, Task<PublishProblem?>> action)
    {
        if (await action(HttpContext.GetServerCaller()!).ConfigureAwait(false) is { } problem)
        {
            Error = new AdminActionError(reportId, problem);
            Reason = reason;
            Response.StatusCode = problem.StatusCode;
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        return LocalRedirect($"/admin/reports?done={done}" + (State is null ? "" : "&state=" + Uri.EscapeDataString(StateOrDefault)));
    }

    private async Task LoadAsync()
    {
        var state = StateOrDefault;
        Reports = await reader.ReadAsync(state == "all" ? null : state, PageNumber, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
