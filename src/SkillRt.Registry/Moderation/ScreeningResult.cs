using System.Collections.Generic;
using System.Linq;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>What the scan at publish decided: the findings to store and whether the version is quarantined.</summary>
internal sealed record ScreeningResult(bool Scanned, bool Quarantined, IReadOnlyList<VersionFinding> Findings, int OmittedFindings)
{
    /// <summary>Scanning is turned off (<see cref="ModerationOptions.ScanAtPublish"/>).</summary>
    public static ScreeningResult NotScanned { get; } = new(false, false, [], 0);

    /// <summary>Marks <paramref name="version"/> (not saved yet) quarantined or not and adds its findings to <paramref name="database"/>.</summary>
    public void Record(RegistryDbContext database, PackageVersionRecord version)
    {
        version.IsQuarantined = Quarantined;
        foreach (var finding in Findings)
        {
            finding.VersionId = version.Id;
            database.Add(finding);
        }
    }

    /// <summary>The rules of the findings that quarantine the version, each once, in the order found.</summary>
    public IReadOnlyList<string> BlockingRuleIds => Findings.Where(f => f.Blocking).Select(f => f.RuleId).Distinct(System.StringComparer.Ordinal).ToList();

    /// <summary>What the publish response says about the scan.</summary>
    public PublishScreeningView View => new(Quarantined, Findings.Select(FindingView.From).ToList(), OmittedFindings);
}

/// <summary>
/// The publish response's <c>screening</c> member: whether the version is quarantined (then the
/// response is 202 Accepted rather than 201 Created) and every finding.
/// </summary>
internal sealed record PublishScreeningView(bool Quarantined, IReadOnlyList<FindingView> Findings, int OmittedFindings);
