using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Moderation;

/// <summary>One scanner finding as the API shows it.</summary>
internal sealed record FindingView(string RuleId, string Severity, string? File, int? Line, string Message, string? Evidence, string? Fix)
{
    public static FindingView From(VersionFinding finding) =>
        new(finding.RuleId, finding.Severity, finding.File, finding.Line, finding.Message, finding.Evidence, finding.Fix);
}

/// <summary>An appeal as the API shows it.</summary>
internal sealed record AppealView(Guid AppealId, string Id, string Version, string Account, string Text, DateTime CreatedAt, string State, DateTime? ResolvedAt, string? ResolvedBy, string? Note)
{
    public static AppealView From(QuarantineAppeal appeal, string id, string version) =>
        new(appeal.Id, id, version, appeal.AccountName, appeal.Text, appeal.CreatedAt, appeal.State, appeal.ResolvedAt, appeal.ResolvedBy, appeal.ResolutionNote);
}

/// <summary>An abuse report as the admin queue shows it.</summary>
internal sealed record ReportView(Guid ReportId, string Id, string? Version, string Category, string Text, string Reporter, DateTime CreatedAt, string State, DateTime? ResolvedAt, string? ResolvedBy, string? Note)
{
    public static ReportView From(AbuseReport report) =>
        new(report.Id, report.PackageId, report.Version, report.Category, report.Text, report.ReporterName, report.CreatedAt, report.State, report.ResolvedAt, report.ResolvedBy, report.ResolutionNote);
}

/// <summary>
/// <c>GET api/v2/package/{id}/{version}/findings</c>: whether the version is quarantined, every finding
/// the scanner reported, and the appeals made against the quarantine.
/// </summary>
internal sealed record VersionFindingsView(string Id, string Version, bool Quarantined, IReadOnlyList<FindingView> Findings, IReadOnlyList<AppealView> Appeals);

/// <summary>A quarantined version in the admin queue: who owns it, the findings that hold it, its open appeal.</summary>
internal sealed record QuarantinedView(string Id, string Version, string Owner, DateTime PublishedAt, IReadOnlyList<FindingView> Findings, AppealView? Appeal);

/// <summary>A suspended account in the admin queue.</summary>
internal sealed record SuspensionView(string Account, string? Reason, DateTime? SuspendedAt);

/// <summary>
/// <c>GET api/v2/admin/queue</c>: what waits for an administrator, oldest first, each list at most
/// <c>take</c> long, with the total of each.
/// </summary>
internal sealed record ModerationQueueView(
    int QuarantinedTotal,
    IReadOnlyList<QuarantinedView> Quarantined,
    int AppealsTotal,
    IReadOnlyList<AppealView> Appeals,
    int ReportsTotal,
    IReadOnlyList<ReportView> Reports,
    IReadOnlyList<SuspensionView> Suspended);

/// <summary>The body of an appeal: why the quarantine is wrong.</summary>
internal sealed record AppealRequest(string? Text);

/// <summary>The body of an abuse report; <c>Version</c> is optional (the package as a whole).</summary>
internal sealed record AbuseReportRequest(string? Id, string? Version, string? Category, string? Text);

/// <summary>The body of an administrator's action: a note for release and dismiss, a reason for remove and suspend.</summary>
internal sealed record ModerationActionRequest(string? Reason);
