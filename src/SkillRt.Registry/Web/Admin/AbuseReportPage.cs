using System.Collections.Generic;
using SkillRt.Registry.Moderation;

namespace SkillRt.Registry.Web.Admin;

/// <summary>One page of abuse reports in one state (or all), newest first, and how many match.</summary>
internal sealed record AbuseReportPage(string? State, int Total, IReadOnlyList<ReportView> Reports, int Page, int PageSize)
{
    public int PageCount => System.Math.Max(1, (Total + PageSize - 1) / PageSize);
}
