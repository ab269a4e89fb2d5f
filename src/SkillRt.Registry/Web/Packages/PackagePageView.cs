using System;
using System.Collections.Generic;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Web.Packages;

/// <summary>Everything the skill page shows for one version of one package, as seen by one viewer.</summary>
internal sealed record PackagePageView(
    string PackageId,
    VersionRow Current,
    bool IsLatest,
    VersionContent Content,
    IReadOnlyList<OwnerInfo> Owners,
    string? VerifiedDomain,
    long TotalDownloads,
    IReadOnlyList<VersionRow> Versions,
    SignatureStatus? Signature,
    LogStatus? Log,
    IReadOnlyList<FindingRow>? Findings,
    IReadOnlyDictionary<string, string> SkillDependencyPackages)
{
    /// <summary>The lowercase ID, as the feed's URLs spell it.</summary>
    public string LowerId => PackageId.ToLowerInvariant();

    /// <summary>The page's heading: the nuspec's title, else the ID.</summary>
    public string Heading => Content.Title ?? PackageId;
}

/// <summary>
/// One version in the versions table, with every state a version can be in: unlisted, prerelease,
/// deprecated (reasons, message, alternative), yanked and quarantined (the last only for viewers
/// who may see quarantined versions at all).
/// </summary>
internal sealed record VersionRow(
    Guid Id,
    string Version,
    string NormalizedVersion,
    DateTime PublishedAt,
    long Downloads,
    bool IsListed,
    bool IsPrerelease,
    bool IsQuarantined,
    bool IsYanked,
    IReadOnlyList<string> DeprecationReasons,
    string? DeprecationMessage,
    string? AlternatePackageId,
    string? AlternatePackageRange)
{
    /// <summary>Whether the owners deprecated the version.</summary>
    public bool IsDeprecated => DeprecationReasons.Count > 0;
}

/// <summary>The author's signature of the version: which key, whose, whether still valid, and when.</summary>
internal sealed record SignatureStatus(string KeyId, string? KeyName, string? KeyOwner, bool KeyRevoked, DateTime SignedAt);

/// <summary>The transparency log's entry for the version and the log's size now (the inclusion proof's tree size).</summary>
internal sealed record LogStatus(long Index, long TreeSize, DateTime AppendedAt);

/// <summary>One scanner finding: severity, rule, message, and where (file and line), with its fix.</summary>
internal sealed record FindingRow(string Severity, string RuleId, string Message, string? File, int? Line, string? Fix);
