using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using SkillRt.Scanning;

namespace SkillRt.Build;

/// <summary>
/// Runs the security scanner the registry runs at publish over the files of one packed skill (exactly
/// the files that go into the package), so an author sees the findings at <c>dotnet pack</c>, at the
/// file and line, before a registry quarantines the version. Each finding is an MSBuild warning whose
/// code is the rule ID (so <c>MSBuildWarningsAsMessages</c> and <c>-warnaserror</c> work per rule), or an
/// error at or above the configured severity (critical by default: a pack that would publish a
/// private key or a path-traversal entry stops).
/// </summary>
internal static class PackedSkillScan
{
    /// <param name="log">Where findings go.</param>
    /// <param name="skill">The skill, with its files.</param>
    /// <param name="scanner">The scanner, with the project's disabled rules.</param>
    /// <param name="errorAt">Findings at or above this become errors; <see langword="null"/> keeps every finding a warning.</param>
    public static void Report(TaskLoggingHelper log, PackedSkill skill, SkillScanner scanner, ScanSeverity? errorAt)
    {
        var folder = Path.GetDirectoryName(skill.Path)!;
        var prefix = skill.Files[0].PackagePath.Substring(0, skill.Files[0].PackagePath.Length - "SKILL.md".Length);
        var files = new List<ScanInputFile>(skill.Files.Count);
        foreach (var file in skill.Files)
        {
            files.Add(new ScanInputFile(file.PackagePath.Substring(prefix.Length), File.ReadAllBytes(file.FullPath)));
        }

        var report = scanner.ScanFiles(files);
        foreach (var finding in report.Findings)
        {
            var path = finding.Path.Length == 0 ? skill.Path : Path.Combine(folder, finding.Path.Replace('/', Path.DirectorySeparatorChar));
            var line = finding.Line ?? 0;
            var message = finding.Message + ". Fix: " + finding.Fix;
            if (errorAt is { } threshold && finding.Severity >= threshold)
            {
                log.LogError(null, finding.RuleId, null, finding.HelpLink, path, line, 0, 0, 0, message);
            }
            else
            {
                log.LogWarning(null, finding.RuleId, null, finding.HelpLink, path, line, 0, 0, 0, message);
            }
        }

        if (report.OmittedFindings > 0)
        {
            log.LogWarning(null, "SKILLSEC0000", null, null, skill.Path, 0, 0, 0, 0, $"{report.OmittedFindings} more security findings in the skill '{skill.Name}' were not listed; run `skillrt scan {folder}` for all of them");
        }
    }

    /// <summary>Reads <c>SkillScanErrorSeverity</c>: a severity name, or <c>none</c> (or empty) for warnings only.</summary>
    public static bool TryParseErrorSeverity(string? text, out ScanSeverity? severity)
    {
        severity = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text!.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (ScanFinding.TryParseSeverity(text, out var parsed))
        {
            severity = parsed;
            return true;
        }

        return false;
    }

    public static string[] SplitRules(string? text) =>
        (text ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).ToArray();
}
