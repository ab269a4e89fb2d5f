namespace SkillRt.Registry.Moderation;

/// <summary>
/// The audit log's actions for moderation: the scan's quarantine at publish, the administrators'
/// release and removal, abuse reports and appeals, and account suspension. A version's entries have
/// its <c>packageId</c> and <c>packageVersion</c>; a report's and an appeal's also name it in
/// <c>target</c> (<c>report:</c>/<c>appeal:</c> and its ID); an account's have <c>target</c>
/// <c>account:</c> and its name.
/// </summary>
public static class ModerationAuditActions
{
    /// <summary>The scan at publish quarantined the version (details: <c>ruleIds</c>, the rules of its blocking findings). The actor is the publisher.</summary>
    public const string Quarantine = "package.quarantine";

    /// <summary>An administrator released a quarantined version; an open appeal was granted (details: <c>reason</c>, the note, null without one).</summary>
    public const string Release = "package.release";

    /// <summary>An administrator removed a version; an open appeal was denied and open reports about it closed (details: <c>reason</c>, <c>sha256</c>, <c>wasQuarantined</c>).</summary>
    public const string Remove = "package.remove";

    /// <summary>An account reported a package or a version (target <c>report:</c> ID; details: <c>category</c>).</summary>
    public const string Report = "package.report";

    /// <summary>An administrator dismissed an open report (target <c>report:</c> ID; details: <c>category</c>, <c>reason</c>).</summary>
    public const string ReportDismiss = "package.report-dismiss";

    /// <summary>A member of the package's owner appealed the version's quarantine (target <c>appeal:</c> ID).</summary>
    public const string Appeal = "package.appeal";

    /// <summary>An administrator suspended an account, or changed a suspended account's reason (target <c>account:</c> name; details: <c>reason</c>).</summary>
    public const string Suspend = "account.suspend";

    /// <summary>An administrator lifted an account's suspension (target <c>account:</c> name; details: <c>reason</c>, the note, and <c>suspendedFor</c>, the suspension's reason). Unsuspending an active account records nothing.</summary>
    public const string Unsuspend = "account.unsuspend";
}
