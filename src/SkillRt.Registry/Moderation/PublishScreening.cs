using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Publishing;
using SkillRt.Scanning;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// The scan at publish: runs <see cref="SkillScanner"/> on the uploaded package with the registry's
/// popular package IDs as the names not to imitate (leaving out the package's own ID and what its
/// owner and the publisher's owners have), and turns the report into the findings stored with the
/// version. A finding of High or above quarantines the version.
/// </summary>
internal sealed partial class PublishScreening(
    PopularPackageNames popular,
    ScannerWarmup warmup,
    IOwnerDirectory owners,
    IOptions<ModerationOptions> options,
    IOptions<RegistryOptions> registry,
    ILogger<PublishScreening> logger)
{
    /// <summary>The most findings stored per version; the scanner's report says how many more there were.</summary>
    public const int MaxStoredFindings = 200;

    /// <summary>Scans the package in <paramref name="content"/> (read from the start; its position is left at the end).</summary>
    public async Task<ScreeningResult> ScreenAsync(ServerCaller caller, string packageId, Guid ownerId, Stream content, CancellationToken cancellationToken)
    {
        if (!options.Value.ScanAtPublish)
        {
            return ScreeningResult.NotScanned;
        }

        using var activity = RegistryTelemetry.Source.StartActivity("registry.scan");
        await warmup.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var knownNames = await KnownNamesAsync(caller, packageId, ownerId, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        var report = Scanner(knownNames).ScanPackage(content, cancellationToken);
        var findings = report.Findings.Take(MaxStoredFindings).Select((finding, index) => ToStored(finding, index)).ToList();
        var quarantined = report.HasFindingsAtOrAbove(ScanSeverity.High);
        var elapsed = Stopwatch.GetElapsedTime(started);
        activity?.SetTag("skillrt.scan.findings", report.Findings.Count);
        activity?.SetTag("skillrt.scan.quarantined", quarantined);
        ModerationTelemetry.ScanDuration.Record(elapsed.TotalMilliseconds);
        if (quarantined)
        {
            LogQuarantined(logger, packageId, string.Join(", ", findings.Where(f => f.Blocking).Select(f => f.RuleId).Distinct()), caller.AccountName);
        }

        return new ScreeningResult(true, quarantined, findings, report.OmittedFindings + Math.Max(0, report.Findings.Count - MaxStoredFindings));
    }

    /// <summary>
    /// Adds the scanner's findings to the refusal of a package the inspector found malformed (a path
    /// that escapes, a duplicate entry, a truncated zip…), so the refusal names the rule, the entry and
    /// the fix. Nothing is stored; a refusal for size is answered before the package is whole and is left as is.
    /// </summary>
    public async Task<PublishProblem> ExplainRefusalAsync(PublishProblem problem, Stream content, CancellationToken cancellationToken)
    {
        if (!options.Value.ScanAtPublish || problem.StatusCode != StatusCodes.Status400BadRequest)
        {
            return problem;
        }

        await warmup.WaitAsync(cancellationToken).ConfigureAwait(false);
        var popularNames = (await popular.GetAsync(cancellationToken).ConfigureAwait(false)).SelectMany(p => p.Names).ToList();
        content.Position = 0;
        var report = Scanner(popularNames).ScanPackage(content, cancellationToken);
        return report.Findings.Count == 0
            ? problem
            : problem with { Findings = report.Findings.Take(MaxStoredFindings).Select((finding, index) => FindingView.From(ToStored(finding, index))).ToList() };
    }

    private SkillScanner Scanner(IReadOnlyCollection<string> knownNames)
    {
        var limits = registry.Value;
        return new SkillScanner(new ScanOptions
        {
            KnownNames = knownNames,
            // The registry's own limits decide what is accepted; the scanner reads everything accepted.
            MaxPackageBytes = Math.Max(limits.MaxPackageBytes, ScanOptions.Default.MaxPackageBytes),
            MaxFiles = Math.Max(limits.MaxEntries, ScanOptions.Default.MaxFiles),
        });
    }

    private async Task<IReadOnlyCollection<string>> KnownNamesAsync(ServerCaller caller, string packageId, Guid ownerId, CancellationToken cancellationToken)
    {
        var packages = await popular.GetAsync(cancellationToken).ConfigureAwait(false);
        if (packages.Count == 0)
        {
            return [];
        }

        // An owner may name its packages alike (Contoso.Review, Contoso.Reviews); only others' names count.
        var ownIds = new HashSet<Guid> { ownerId };
        foreach (var owner in await owners.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false))
        {
            ownIds.Add(owner.Id);
        }

        return packages
            .Where(p => !ownIds.Contains(p.OwnerId) && !string.Equals(p.PackageId, packageId, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Names)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static VersionFinding ToStored(ScanFinding finding, int ordinal) => new()
    {
        Id = Guid.NewGuid(),
        Ordinal = ordinal,
        RuleId = Cut(finding.RuleId, VersionFinding.MaxRuleIdLength)!,
        Severity = ScanFinding.SeverityName(finding.Severity),
        Blocking = finding.Severity >= ScanSeverity.High,
        File = Cut(finding.Path.Length == 0 ? null : finding.Path, VersionFinding.MaxFileLength),
        Line = finding.Line,
        Message = Cut(finding.Message, VersionFinding.MaxTextLength)!,
        Evidence = Cut(finding.Evidence, VersionFinding.MaxTextLength),
        Fix = Cut(finding.Fix, VersionFinding.MaxTextLength),
    };

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined a version of {PackageId} published by {Account}: {Rules}")]
    private static partial void LogQuarantined(ILogger logger, string packageId, string rules, string account);
}
