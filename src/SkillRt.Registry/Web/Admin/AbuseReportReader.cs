using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Web.Admin;

/// <summary>
/// The reports for <c>/admin/reports</c>: open ones, as the admin queue's API lists them, and the
/// closed ones too (dismissed, actioned), which the API does not list, each page newest first.
/// </summary>
internal sealed class AbuseReportReader(RegistryDbContext database)
{
    public const int PageSize = 25;

    /// <summary>The states a page can be filtered by; null for every state.</summary>
    public static readonly string[] States = [ModerationStates.Open, ModerationStates.Dismissed, ModerationStates.Actioned];

    /// <summary>The page <paramref name="page"/> (from 1) of reports in <paramref name="state"/> (one of <see cref="States"/>, or null for all).</summary>
    public async Task<AbuseReportPage> ReadAsync(string? state, int page, CancellationToken cancellationToken)
    {
        var reports = database.Set<AbuseReport>().AsNoTracking();
        if (state is not null)
        {
            reports = reports.Where(r => r.State == state);
        }

        var total = await reports.CountAsync(cancellationToken).ConfigureAwait(false);
        page = Math.Max(1, page);
        var rows = await reports.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip((int)Math.Min(int.MaxValue, (page - 1L) * PageSize)).Take(PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AbuseReportPage(state, total, rows.Select(ReportView.From).ToList(), page, PageSize);
    }
}
