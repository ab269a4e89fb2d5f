namespace SkillRt.Registry.Web.Admin;

/// <summary>What waits for an administrator, as counts for <c>/admin</c>.</summary>
internal sealed record AdminOverview(int QuarantinedVersions, int OpenAppeals, int OpenReports, int SuspendedAccounts);
