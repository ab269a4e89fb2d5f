using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Discovery;
using SkillRt.Cli.Output;
using SkillRt.Scanning;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt scan &lt;paths…&gt;</c>: runs the security scanner the registry runs at publish over skill
/// folders, folders of skills, SKILL.md files or packed .nupkg files, and prints each finding in the
/// compiler's format with its fix. Exits with <see cref="ExitCodes.SecurityFindings"/> when a finding is
/// at or above <c>--fail-on</c> (high by default), the severity at which the registry quarantines.
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Skill folders, folders of skills, SKILL.md files, or .nupkg packages.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = FormatOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts (the same as --format json)." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "The lowest severity that makes the command fail: info, low, medium, high (the default, the registry's quarantine threshold) or critical.",
            DefaultValueFactory = _ => "high",
        };
        failOn.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical");
        var knownNames = new Option<string[]>("--known-name")
        {
            Description = "A popular skill name or package ID to check names against (SKILLSEC0701, SKILLSEC0702); repeat for more.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("scan", "Scan skills or packages for security problems (undeclared permissions, hidden Unicode, prompt injection, secrets, binaries, archive tricks, confusable names).")
        {
            paths,
            format,
            json,
            failOn,
            knownNames,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            // AcceptOnlyFromAmong has checked the name already.
            var threshold = ScanFinding.TryParseSeverity(parseResult.GetValue(failOn), out var parsed) ? parsed : ScanSeverity.High;
            return RunAsync(
                parseResult.GetValue(paths)!,
                parseResult.GetValue(json) || FormatOption.IsJson(parseResult, format),
                threshold,
                parseResult.GetValue(knownNames) ?? [],
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool json, ScanSeverity failOn, string[] knownNames, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var targets = new List<ScanTarget>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                targets.Add(path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase)
                    ? new ScanTarget(path, ScanTargetKind.Package)
                    : SkillFileRule.IsSkillFileName(path)
                        ? new ScanTarget(Path.GetDirectoryName(Path.GetFullPath(path))!, ScanTargetKind.Folder, Display: Path.GetDirectoryName(path) is { Length: > 0 } folder ? folder : ".")
                        : new ScanTarget(path, ScanTargetKind.LooseFile));
            }
            else if (Directory.Exists(path))
            {
                var skills = SkillFileFinder.Find(path);
                if (skills.Count == 0)
                {
                    await error.WriteLineAsync($"skillrt: no skill (SKILL.md, or a Markdown file with frontmatter) found under '{path}'; pass a skill folder, a folder of skills, a SKILL.md or a .nupkg.").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                foreach (var skill in skills)
                {
                    targets.Add(SkillFileRule.IsSkillFileName(skill)
                        ? new ScanTarget(Path.GetDirectoryName(skill)!, ScanTargetKind.Folder)
                        : new ScanTarget(skill, ScanTargetKind.LooseFile));
                }
            }
            else
            {
                await error.WriteLineAsync($"skillrt: '{path}' does not exist; pass a skill folder, a folder of skills, a SKILL.md or a .nupkg.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        }

        var scanner = new SkillScanner(new ScanOptions { KnownNames = knownNames });
        var results = new List<(ScanTarget Target, ScanReport Report)>();
        foreach (var target in targets.DistinctBy(t => Path.GetFullPath(t.Path)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add((target, await ScanAsync(scanner, target, cancellationToken).ConfigureAwait(false)));
        }

        var all = results.SelectMany(r => r.Report.Findings).ToList();
        var failing = all.Count(f => f.Severity >= failOn);
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, results, failOn, failing)).ConfigureAwait(false);
        }
        else
        {
            foreach (var (target, report) in results)
            {
                foreach (var finding in report.Findings)
                {
                    await output.WriteLineAsync(Location(target, finding) + ": " + ScanFinding.SeverityName(finding.Severity) + " " + finding.RuleId + ": " + finding.Message + " [" + finding.HelpLink + "]").ConfigureAwait(false);
                    if (finding.Evidence is { Length: > 0 } evidence)
                    {
                        await output.WriteLineAsync("    evidence: " + evidence).ConfigureAwait(false);
                    }

                    await output.WriteLineAsync("    fix: " + finding.Fix).ConfigureAwait(false);
                }

                if (report.OmittedFindings > 0)
                {
                    await output.WriteLineAsync($"{target.Shown}: {report.OmittedFindings} more findings not shown (limit reached)").ConfigureAwait(false);
                }
            }

            var bySeverity = string.Join(", ", all.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {ScanFinding.SeverityName(g.Key)}"));
            await output.WriteLineAsync($"{Count(results.Count, "target")} scanned: {Count(all.Count, "finding")}{(all.Count > 0 ? " (" + bySeverity + ")" : string.Empty)}; {failing} at or above {ScanFinding.SeverityName(failOn)}.").ConfigureAwait(false);
        }

        return failing > 0 ? ExitCodes.SecurityFindings : ExitCodes.Success;
    }

    private static async Task<ScanReport> ScanAsync(SkillScanner scanner, ScanTarget target, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case ScanTargetKind.Package:
                await using (var stream = File.OpenRead(target.Path))
                {
                    return await scanner.ScanPackageAsync(stream, cancellationToken).ConfigureAwait(false);
                }

            case ScanTargetKind.LooseFile:
                // A loose skill file is scanned as the SKILL.md of a folder of its own, with nothing beside it (spec 8).
                var content = await File.ReadAllBytesAsync(target.Path, cancellationToken).ConfigureAwait(false);
                return scanner.ScanFiles([new ScanInputFile("SKILL.md", content)], cancellationToken);
            default:
                return scanner.ScanDirectory(target.Path, cancellationToken);
        }
    }

    // path(line), with the finding's path inside the folder or package after the target's own path.
    private static string Location(ScanTarget target, ScanFinding finding)
    {
        var file = target.Kind switch
        {
            ScanTargetKind.LooseFile => target.Path,
            ScanTargetKind.Package => finding.Path.Length == 0 ? target.Path : target.Path + "/" + finding.Path,
            _ => finding.Path.Length == 0 ? target.Shown : Path.Combine(target.Shown, finding.Path),
        };
        return finding.Line is { } line ? $"{file}({line})" : file;
    }

    private static void WriteJson(Utf8JsonWriter writer, List<(ScanTarget Target, ScanReport Report)> results, ScanSeverity failOn, int failing)
    {
        writer.WriteStartObject();
        writer.WriteString("failOn", ScanFinding.SeverityName(failOn));
        writer.WriteNumber("failing", failing);
        writer.WriteNumber("findings", results.Sum(r => r.Report.Findings.Count));
        writer.WriteStartArray("targets");
        foreach (var (target, report) in results)
        {
            writer.WriteStartObject();
            writer.WriteString("path", target.Shown);
            writer.WriteString("kind", target.Kind switch { ScanTargetKind.Package => "package", ScanTargetKind.LooseFile => "file", _ => "folder" });
            writer.WriteNumber("filesScanned", report.FilesScanned);
            writer.WriteNumber("bytesScanned", report.BytesScanned);
            writer.WriteNumber("omittedFindings", report.OmittedFindings);
            writer.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("ruleId", finding.RuleId);
                writer.WriteString("severity", ScanFinding.SeverityName(finding.Severity));
                writer.WriteString("message", finding.Message);
                writer.WriteString("file", target.Kind == ScanTargetKind.LooseFile ? target.Path : finding.Path);
                if (finding.Line is { } line)
                {
                    writer.WriteNumber("line", line);
                }
                else
                {
                    writer.WriteNull("line");
                }

                writer.WriteString("evidence", finding.Evidence);
                writer.WriteString("fix", finding.Fix);
                writer.WriteString("helpUri", finding.HelpLink);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private enum ScanTargetKind
    {
        Folder,
        Package,
        LooseFile,
    }

    private sealed record ScanTarget(string Path, ScanTargetKind Kind, string? Display = null)
    {
        public string Shown => Display ?? Path;
    }
}
