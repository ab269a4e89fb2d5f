using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Scanning;

/// <summary>The outcome of one scan: every finding (ordered by path, line, rule) and what was read.</summary>
public sealed class ScanReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="findings">The findings, in any order; the report sorts them.</param>
    /// <param name="filesScanned">How many files were read.</param>
    /// <param name="bytesScanned">How many bytes (unpacked) were read.</param>
    /// <param name="omittedFindings">Findings left out because of <see cref="ScanOptions.MaxFindings"/> or <see cref="ScanOptions.MaxFindingsPerRuleAndFile"/>.</param>
    /// <param name="elapsed">How long the scan took.</param>
    public ScanReport(IEnumerable<ScanFinding> findings, int filesScanned, long bytesScanned, int omittedFindings, TimeSpan elapsed)
    {
        Findings = (findings ?? throw new ArgumentNullException(nameof(findings)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line ?? 0)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        FilesScanned = filesScanned;
        BytesScanned = bytesScanned;
        OmittedFindings = omittedFindings;
        Elapsed = elapsed;
    }

    /// <summary>The findings, ordered by path, line, severity (highest first) and rule.</summary>
    public IReadOnlyList<ScanFinding> Findings { get; }

    /// <summary>How many files (or archive entries) were read.</summary>
    public int FilesScanned { get; }

    /// <summary>How many bytes were read, unpacked.</summary>
    public long BytesScanned { get; }

    /// <summary>Findings not listed because a limit was reached; non-zero means there is more to fix than shown.</summary>
    public int OmittedFindings { get; }

    /// <summary>How long the scan took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The highest severity found, or <see langword="null"/> when there are no findings.</summary>
    public ScanSeverity? HighestSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>Whether any finding is at or above <paramref name="severity"/>.</summary>
    /// <param name="severity">The threshold, such as <see cref="ScanSeverity.High"/> for quarantine.</param>
    /// <returns><see langword="true"/> when at least one finding is that serious.</returns>
    public bool HasFindingsAtOrAbove(ScanSeverity severity) => Findings.Any(f => f.Severity >= severity);
}
