using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// What authors, reporters and administrators do about a version's findings: read them, appeal a
/// quarantine, report abuse, and (administrators) release or remove a version, dismiss a report,
/// suspend or unsuspend an account. Every method checks who may do it and answers a problem naming
/// what to do otherwise, and every change is recorded in the audit log (<see cref="ModerationAuditActions"/>)
/// with the change.
/// </summary>
internal sealed partial class ModerationService(
    RegistryDbContext database,
    IdentityDbContext identity,
    IOwnerDirectory owners,
    IBlobStore blobs,
    RegistryGeneration generation,
    DownloadLocator locator,
    IRegistryAudit audit,
    TimeProvider time,
    ILogger<ModerationService> logger)
{
    /// <summary>The most open reports one account may have waiting; more are refused with 429 until some are handled.</summary>
    public const int MaxOpenReportsPerAccount = 20;

    /// <summary>The longest list the admin queue returns per kind.</summary>
    public const int MaxQueueTake = 200;

    /// <summary>The findings of a version, for its owners' members and administrators.</summary>
    public async Task<(VersionFindingsView? View, PublishProblem? Problem)> GetFindingsAsync(ServerCaller caller, string id, string version, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindForAuthorAsync(caller, id, version, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, problem);
        }

        var (package, record) = found.Value;
        var findings = await FindingsOfAsync([record.Id], blockingOnly: false, cancellationToken).ConfigureAwait(false);
        var appeals = await database.Set<QuarantineAppeal>().AsNoTracking()
            .Where(a => a.VersionId == record.Id)
            .OrderBy(a => a.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (new VersionFindingsView(
            package.PackageId,
            record.Version,
            record.IsQuarantined,
            findings.TryGetValue(record.Id, out var list) ? list : [],
            appeals.Select(a => AppealView.From(a, package.PackageId, record.Version)).ToList()), null);
    }

    /// <summary>Appeals a quarantine: one open appeal per version, from a member of one of the package's owners.</summary>
    public async Task<(AppealView? Appeal, PublishProblem? Problem)> AppealAsync(ServerCaller caller, string id, string version, string? text, CancellationToken cancellationToken)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > QuarantineAppeal.MaxTextLength)
        {
            return (null, PublishProblem.Invalid(
                "Invalid appeal text",
                $"The field 'text' must say why the findings are wrong, in 1 to {QuarantineAppeal.MaxTextLength:N0} characters (it has {text?.Length ?? 0})."));
        }

        var (found, problem) = await FindForAuthorAsync(caller, id, version, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, problem);
        }

        var (package, record) = found.Value;
        if (!record.IsQuarantined)
        {
            return (null, PublishProblem.Conflict(
                "Version not quarantined",
                $"'{package.PackageId}' {record.Version} is not in quarantine, so there is nothing to appeal; its findings are at api/v2/package/{package.NormalizedId}/{record.NormalizedVersion}/findings."));
        }

        var appeal = new QuarantineAppeal
        {
            Id = Guid.NewGuid(),
            VersionId = record.Id,
            AccountId = caller.AccountId,
            AccountName = caller.AccountName,
            Text = text,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            State = ModerationStates.Open,
        };
        database.Set<QuarantineAppeal>().Add(appeal);
        try
        {
            // RecordAsync saves the appeal with its entry, in one SaveChanges.
            await audit.RecordAsync(new RegistryAuditEvent(ModerationAuditActions.Appeal) { PackageId = package.PackageId, PackageVersion = record.Version, Target = $"appeal:{appeal.Id}" }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            database.ChangeTracker.Clear();
            return (null, PublishProblem.Conflict(
                "Appeal already open",
                $"'{package.PackageId}' {record.Version} has an open appeal already; an administrator will answer it. Its state is at api/v2/package/{package.NormalizedId}/{record.NormalizedVersion}/findings."));
        }

        LogAppealed(logger, package.PackageId, record.Version, caller.AccountName);
        return (AppealView.From(appeal, package.PackageId, record.Version), null);
    }

    /// <summary>Records an abuse report about a package or one of its versions, for the admin queue.</summary>
    public async Task<(ReportView? Report, PublishProblem? Problem)> ReportAsync(ServerCaller caller, AbuseReportRequest request, CancellationToken cancellationToken)
    {
        var id = request.Id?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 128)
        {
            return (null, PublishProblem.Invalid("Invalid package ID", "The field 'id' must name the package reported (1 to 128 characters)."));
        }

        var category = request.Category?.Trim().ToLowerInvariant();
        if (category is null || !AbuseCategories.All.Contains(category))
        {
            return (null, PublishProblem.Invalid(
                "Invalid report category",
                $"The field 'category' must be one of {string.Join(", ", AbuseCategories.All)} (it is '{PackageInspector.Shorten(request.Category ?? "")}')."));
        }

        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > AbuseReport.MaxTextLength)
        {
            return (null, PublishProblem.Invalid(
                "Invalid report text",
                $"The field 'text' must say what is wrong, in 1 to {AbuseReport.MaxTextLength:N0} characters (it has {text?.Length ?? 0})."));
        }

        var normalizedId = id.ToLowerInvariant();
        var package = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            return (null, UnknownPackage(id));
        }

        string? version = null;
        if (!string.IsNullOrWhiteSpace(request.Version))
        {
            // Quarantined versions can be reported too: the report then helps the administrator decide.
            var normalizedVersion = PackageReader.Normalize(request.Version.Trim());
            var record = normalizedVersion is null
                ? null
                : await database.Versions.IgnoreQueryFilters().AsNoTracking()
                    .SingleOrDefaultAsync(v => v.RegistrationId == package.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return (null, UnknownVersion(package, request.Version));
            }

            version = record.Version;
        }

        var open = database.Set<AbuseReport>().Where(r => r.ReporterAccountId == caller.AccountId && r.State == ModerationStates.Open);
        if (await open.AnyAsync(r => r.NormalizedId == normalizedId && r.Version == version, cancellationToken).ConfigureAwait(false))
        {
            return (null, PublishProblem.Conflict(
                "Already reported",
                $"You reported '{package.PackageId}'{(version is null ? "" : $" {version}")} already and the report is still open; an administrator will look at it."));
        }

        if (await open.CountAsync(cancellationToken).ConfigureAwait(false) >= MaxOpenReportsPerAccount)
        {
            return (null, new PublishProblem(
                429,
                "Too many open reports",
                $"The account '{caller.AccountName}' has {MaxOpenReportsPerAccount} reports waiting for an administrator; report more once some are handled.",
                PublishOutcome.Forbidden));
        }

        var report = new AbuseReport
        {
            Id = Guid.NewGuid(),
            PackageId = package.PackageId,
            NormalizedId = normalizedId,
            Version = version,
            Category = category,
            Text = text,
            ReporterAccountId = caller.AccountId,
            ReporterName = caller.AccountName,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            State = ModerationStates.Open,
        };
        database.Set<AbuseReport>().Add(report);
        // RecordAsync saves the report with its entry, in one SaveChanges.
        await audit.RecordAsync(new RegistryAuditEvent(ModerationAuditActions.Report) { PackageId = package.PackageId, PackageVersion = version, Target = $"report:{report.Id}", Details = new() { ["category"] = category } }, cancellationToken).ConfigureAwait(false);
        LogReported(logger, package.PackageId, version ?? "*", category, caller.AccountName);
        return (ReportView.From(report), null);
    }

    /// <summary>The admin queue: quarantined versions, open appeals, open reports and suspended accounts, oldest first.</summary>
    public async Task<ModerationQueueView> GetQueueAsync(int take, CancellationToken cancellationToken)
    {
        var (quarantinedTotal, quarantined) = await GetQuarantinedAsync(take, cancellationToken).ConfigureAwait(false);
        var versions = database.Versions.IgnoreQueryFilters().AsNoTracking();
        var appealsQuery = database.Set<QuarantineAppeal>().AsNoTracking().Where(a => a.State == ModerationStates.Open)
            .Join(versions, a => a.VersionId, v => v.Id, (a, v) => new { Appeal = a, v.Version, v.RegistrationId })
            .Join(database.Packages.AsNoTracking(), x => x.RegistrationId, p => p.Id, (x, p) => new { x.Appeal, x.Version, p.PackageId });
        var appealsTotal = await appealsQuery.CountAsync(cancellationToken).ConfigureAwait(false);
        var appeals = await appealsQuery.OrderBy(x => x.Appeal.CreatedAt).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);

        var reportsQuery = database.Set<AbuseReport>().AsNoTracking().Where(r => r.State == ModerationStates.Open);
        var reportsTotal = await reportsQuery.CountAsync(cancellationToken).ConfigureAwait(false);
        var reports = await reportsQuery.OrderBy(r => r.CreatedAt).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);

        var suspended = await identity.Accounts.AsNoTracking().Where(a => a.IsDisabled)
            .OrderBy(a => a.DisabledAt).Take(take)
            .Select(a => new SuspensionView(a.Name, a.DisabledReason, a.DisabledAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new ModerationQueueView(
            quarantinedTotal,
            quarantined,
            appealsTotal,
            appeals.Select(x => AppealView.From(x.Appeal, x.PackageId, x.Version)).ToList(),
            reportsTotal,
            reports.Select(ReportView.From).ToList(),
            suspended);
    }

    /// <summary>
    /// The quarantined versions, oldest first, at most <paramref name="take"/> after skipping
    /// <paramref name="skip"/>, each with its blocking findings, its owner and its open appeal; and how many there are.
    /// The admin queue's API and the quarantine page both read it here.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<QuarantinedView> Versions)> GetQuarantinedAsync(int take, CancellationToken cancellationToken, int skip = 0)
    {
        var quarantinedQuery = database.Versions.IgnoreQueryFilters().AsNoTracking().Where(v => v.IsQuarantined)
            .Join(database.Packages.AsNoTracking(), v => v.RegistrationId, p => p.Id, (v, p) => new { Version = v, Package = p });
        var quarantinedTotal = await quarantinedQuery.CountAsync(cancellationToken).ConfigureAwait(false);
        var quarantined = await quarantinedQuery.OrderBy(x => x.Version.PublishedAt).ThenBy(x => x.Version.Id).Skip(skip).Take(take)
            .Select(x => new { x.Package.PackageId, x.Package.OwnerId, x.Version.Id, x.Version.Version, x.Version.PublishedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var versionIds = quarantined.Select(q => q.Id).ToList();
        var findings = await FindingsOfAsync(versionIds, blockingOnly: true, cancellationToken).ConfigureAwait(false);
        var ownerNames = await owners.GetAsync(quarantined.Select(q => q.OwnerId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var openAppeals = await database.Set<QuarantineAppeal>().AsNoTracking()
            .Where(a => a.State == ModerationStates.Open && versionIds.Contains(a.VersionId))
            .ToDictionaryAsync(a => a.VersionId, cancellationToken).ConfigureAwait(false);

        return (quarantinedTotal, quarantined.Select(q => new QuarantinedView(
            q.PackageId,
            q.Version,
            ownerNames.TryGetValue(q.OwnerId, out var owner) ? owner.Name : q.OwnerId.ToString(),
            q.PublishedAt,
            findings.TryGetValue(q.Id, out var list) ? list : [],
            openAppeals.TryGetValue(q.Id, out var appeal) ? AppealView.From(appeal, q.PackageId, q.Version) : null)).ToList());
    }

    /// <summary>Releases a quarantined version: it becomes an ordinary version; an open appeal is granted.</summary>
    public async Task<PublishProblem?> ReleaseAsync(ServerCaller caller, string id, string version, string? note, CancellationToken cancellationToken)
    {
        if (TooLongNote(note) is { } invalid)
        {
            return invalid;
        }

        var (found, problem) = await FindAnyAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return problem;
        }

        var (package, record) = found.Value;
        if (!record.IsQuarantined)
        {
            return PublishProblem.Conflict("Version not quarantined", $"'{package.PackageId}' {record.Version} is not in quarantine; there is nothing to release.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Setting IsListed to itself makes the search triggers (which watch IsListed) queue the package again.
            await database.Versions.IgnoreQueryFilters().Where(v => v.Id == record.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.IsQuarantined, false).SetProperty(v => v.IsListed, v => v.IsListed), cancellationToken).ConfigureAwait(false);
            await ResolveAppealsAsync(record.Id, ModerationStates.Granted, caller, note, now, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(new RegistryAuditEvent(ModerationAuditActions.Release) { PackageId = package.PackageId, PackageVersion = record.Version, Details = new() { ["reason"] = note } }, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        generation.Advance();
        LogReleased(logger, package.PackageId, record.Version, caller.AccountName);
        return null;
    }

    /// <summary>
    /// Removes a version (quarantined or not) and, unless another version has the same bytes, its blob:
    /// an open appeal is denied, open reports about the version are closed as actioned. The package ID
    /// stays with its owner, so nobody else can take the name of a removed package.
    /// </summary>
    public async Task<PublishProblem?> RemoveAsync(ServerCaller caller, string id, string version, string? reason, CancellationToken cancellationToken)
    {
        if (MissingReason(reason, "remove") is { } invalid)
        {
            return invalid;
        }

        var (found, problem) = await FindAnyAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return problem;
        }

        var (package, record) = found.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await ResolveAppealsAsync(record.Id, ModerationStates.Denied, caller, reason, now, cancellationToken).ConfigureAwait(false);
            await database.Set<AbuseReport>()
                .Where(r => r.NormalizedId == package.NormalizedId && r.Version == record.Version && r.State == ModerationStates.Open)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.State, ModerationStates.Actioned)
                    .SetProperty(r => r.ResolvedAt, now)
                    .SetProperty(r => r.ResolvedBy, caller.AccountName)
                    .SetProperty(r => r.ResolutionNote, reason), cancellationToken).ConfigureAwait(false);
            // Findings and appeals go with the version (cascade); the search triggers drop its documents.
            await database.Versions.IgnoreQueryFilters().Where(v => v.Id == record.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(
                new RegistryAuditEvent(ModerationAuditActions.Remove)
                {
                    PackageId = package.PackageId,
                    PackageVersion = record.Version,
                    Details = new() { ["reason"] = reason!.Trim(), ["sha256"] = record.PackageSha256, ["wasQuarantined"] = record.IsQuarantined },
                },
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        generation.Advance();
        // A version that was downloadable may have its location remembered; removals are rare, so forget them all.
        locator.Clear();
        if (!await database.Versions.IgnoreQueryFilters().AnyAsync(v => v.PackageSha256 == record.PackageSha256, CancellationToken.None).ConfigureAwait(false))
        {
            await blobs.DeleteAsync(record.PackageSha256, CancellationToken.None).ConfigureAwait(false);
        }

        LogRemoved(logger, package.PackageId, record.Version, caller.AccountName, reason!);
        return null;
    }

    /// <summary>Closes an open report without acting on the package.</summary>
    public async Task<PublishProblem?> DismissReportAsync(ServerCaller caller, string reportId, string? note, CancellationToken cancellationToken)
    {
        if (TooLongNote(note) is { } invalid)
        {
            return invalid;
        }

        if (!Guid.TryParse(reportId, out var idValue))
        {
            return PublishProblem.NotFound("Unknown report", $"'{PackageInspector.Shorten(reportId)}' is not a report ID; the admin queue (api/v2/admin/queue) lists them.");
        }

        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // The conditional update decides which of two concurrent dismissals is the one recorded.
            var changed = await database.Set<AbuseReport>()
                .Where(r => r.Id == idValue && r.State == ModerationStates.Open)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.State, ModerationStates.Dismissed)
                    .SetProperty(r => r.ResolvedAt, time.GetUtcNow().UtcDateTime)
                    .SetProperty(r => r.ResolvedBy, caller.AccountName)
                    .SetProperty(r => r.ResolutionNote, note), cancellationToken).ConfigureAwait(false);
            if (changed == 0)
            {
                return PublishProblem.NotFound("Unknown or closed report", $"There is no open report '{reportId}'; the admin queue (api/v2/admin/queue) lists the open ones.");
            }

            var report = await database.Set<AbuseReport>().AsNoTracking().SingleAsync(r => r.Id == idValue, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(
                new RegistryAuditEvent(ModerationAuditActions.ReportDismiss)
                {
                    PackageId = report.PackageId,
                    PackageVersion = report.Version,
                    Target = $"report:{report.Id}",
                    Details = new() { ["category"] = report.Category, ["reason"] = note },
                },
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogDismissed(logger, idValue, caller.AccountName);
        return null;
    }

    /// <summary>
    /// Suspends an account: its keys are refused (the refusal says why) until it is unsuspended. What it
    /// owns stays published: packages belong to owners, which may have other members.
    /// </summary>
    public async Task<PublishProblem?> SetSuspendedAsync(ServerCaller caller, string accountName, bool suspended, string? reason, CancellationToken cancellationToken)
    {
        if (suspended && MissingReason(reason, "suspend", Account.MaxDisabledReasonLength) is { } invalid)
        {
            return invalid;
        }

        var normalized = IdentityNames.Normalize(accountName);
        var account = await identity.Accounts.SingleOrDefaultAsync(a => a.NormalizedName == normalized, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return PublishProblem.NotFound("Unknown account", $"There is no account '{PackageInspector.Shorten(accountName)}' on this server; check the name.");
        }

        if (account.Id == caller.AccountId)
        {
            return PublishProblem.Conflict("Cannot suspend yourself", "An administrator cannot suspend their own account; ask another administrator.");
        }

        var newReason = suspended ? reason!.Trim() : null;
        if (account.IsDisabled == suspended && account.DisabledReason == newReason)
        {
            // Suspended again for the same reason, or unsuspending an active account: nothing changes, nothing is recorded.
            return null;
        }

        JsonObject details = suspended
            ? new() { ["reason"] = newReason }
            : new() { ["reason"] = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ["suspendedFor"] = account.DisabledReason };
        account.IsDisabled = suspended;
        account.DisabledReason = newReason;
        account.DisabledAt = suspended ? time.GetUtcNow().UtcDateTime : null;

        // The account lives in the identity store and the audit log in the registry's, which may be one
        // SQLite file: holding a registry write transaction open while the identity context writes would
        // lock it out. So the account is saved first and the entry recorded after, and a failed save
        // leaves no entry; only a crash between the two loses one.
        await identity.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(
            new RegistryAuditEvent(suspended ? ModerationAuditActions.Suspend : ModerationAuditActions.Unsuspend) { Target = $"account:{account.Name}", Details = details },
            cancellationToken).ConfigureAwait(false);
        LogSuspension(logger, account.Name, suspended ? "suspended" : "unsuspended", caller.AccountName);
        return null;
    }

    private async Task ResolveAppealsAsync(Guid versionId, string state, ServerCaller caller, string? note, DateTime now, CancellationToken cancellationToken) =>
        await database.Set<QuarantineAppeal>()
            .Where(a => a.VersionId == versionId && a.State == ModerationStates.Open)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.State, state)
                .SetProperty(a => a.ResolvedAt, now)
                .SetProperty(a => a.ResolvedBy, caller.AccountName)
                .SetProperty(a => a.ResolutionNote, note), cancellationToken).ConfigureAwait(false);

    private async Task<Dictionary<Guid, IReadOnlyList<FindingView>>> FindingsOfAsync(IReadOnlyCollection<Guid> versionIds, bool blockingOnly, CancellationToken cancellationToken)
    {
        var query = database.Set<VersionFinding>().AsNoTracking().Where(f => versionIds.Contains(f.VersionId));
        if (blockingOnly)
        {
            query = query.Where(f => f.Blocking);
        }

        var rows = await query.OrderBy(f => f.VersionId).ThenBy(f => f.Ordinal).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(f => f.VersionId).ToDictionary(g => g.Key, g => (IReadOnlyList<FindingView>)g.Select(FindingView.From).ToList());
    }

    // The version whatever its state, for an author who is a member of the package's owner (or an administrator).
    private async Task<((PackageRegistration, PackageVersionRecord)?, PublishProblem?)> FindForAuthorAsync(ServerCaller caller, string id, string version, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindAnyAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, problem);
        }

        var package = found.Value.Package;
        if (caller.IsAdministrator && caller.HasScope(ApiKeyScopes.Admin))
        {
            return (found, null);
        }

        var callerOwners = await owners.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
        if (!caller.MayActOn(package.PackageId) || callerOwners.All(o => o.Id != package.OwnerId))
        {
            // The same answer as for an unknown version: a quarantined version's existence is its authors' business.
            return (null, PublishProblem.Forbidden(
                "Not an owner of the package",
                $"Only members of the owner of '{package.PackageId}' (with a key whose packages include it) and administrators see its findings and appeal them."));
        }

        return (found, null);
    }

    private async Task<((PackageRegistration Package, PackageVersionRecord Version)?, PublishProblem?)> FindAnyAsync(string id, string version, CancellationToken cancellationToken)
    {
        var normalizedId = id.ToLowerInvariant();
        var package = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            return (null, UnknownPackage(id));
        }

        var normalizedVersion = PackageReader.Normalize(version);
        var record = normalizedVersion is null
            ? null
            : await database.Versions.IgnoreQueryFilters().AsNoTracking()
                .SingleOrDefaultAsync(v => v.RegistrationId == package.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false);
        return record is null ? (null, UnknownVersion(package, version)) : ((package, record), null);
    }

    private static PublishProblem? TooLongNote(string? note) =>
        note is { Length: > QuarantineAppeal.MaxNoteLength }
            ? PublishProblem.Invalid("Note too long", $"The field 'reason' may have at most {QuarantineAppeal.MaxNoteLength:N0} characters (it has {note.Length:N0}).")
            : null;

    private static PublishProblem? MissingReason(string? reason, string action, int maxLength = QuarantineAppeal.MaxNoteLength) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > maxLength
            ? PublishProblem.Invalid("A reason is needed", $"To {action}, the field 'reason' must say why, in 1 to {maxLength:N0} characters (it has {reason?.Trim().Length ?? 0:N0}); it is recorded and shown to the account.")
            : null;

    private static PublishProblem UnknownPackage(string id) =>
        PublishProblem.NotFound("Unknown package", $"There is no package '{PackageInspector.Shorten(id)}' on this registry; check the ID.");

    private static PublishProblem UnknownVersion(PackageRegistration package, string version) =>
        PublishProblem.NotFound("Unknown version", $"'{package.PackageId}' has no version '{PackageInspector.Shorten(version)}' on this registry; check the version.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Appeal against the quarantine of {PackageId} {PackageVersion} by {Account}")]
    private static partial void LogAppealed(ILogger logger, string packageId, string packageVersion, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Abuse report on {PackageId} {PackageVersion} ({Category}) by {Account}")]
    private static partial void LogReported(ILogger logger, string packageId, string packageVersion, string category, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{PackageId} {PackageVersion} released from quarantine by {Account}")]
    private static partial void LogReleased(ILogger logger, string packageId, string packageVersion, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{PackageId} {PackageVersion} removed by {Account}: {Reason}")]
    private static partial void LogRemoved(ILogger logger, string packageId, string packageVersion, string account, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Abuse report {ReportId} dismissed by {Account}")]
    private static partial void LogDismissed(ILogger logger, Guid reportId, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Target} {Change} by {Account}")]
    private static partial void LogSuspension(ILogger logger, string target, string change, string account);
}
