using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Registry.TransparencyLog;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// The registry's write path: publishing a package, unlisting and relisting a version. A publish
/// streams the upload to a temporary file, inspects it (<see cref="PackageInspector"/>), checks the
/// key and the package's owner, stores the blob, then records the package and version in one
/// transaction. The blob is written first so that a recorded version always has its file; a version
/// that is never recorded (a lost race, a crash) leaves at most an unreferenced blob, which this
/// publish deletes or, after a crash, <see cref="OrphanBlobSweeper"/> does. Unique indexes, not the
/// checks before the insert, decide races between requests and replicas.
/// </summary>
internal sealed partial class PackagePublisher(
    RegistryDbContext database,
    IBlobStore blobs,
    IOwnerDirectory owners,
    PackageOwners packageOwners,
    NamespaceGate namespaces,
    PackageInspector inspector,
    PublishScreening screening,
    IOptions<RegistryOptions> options,
    IOptions<SkillRtServerOptions> server,
    RegistryGeneration generation,
    TransparencyLogAppender transparencyLog,
    Signing.PublishSignatureCheck signatures,
    TimeProvider time,
    IRegistryAudit audit,
    ILogger<PackagePublisher> logger)
{
    /// <summary>Publishes the package uploaded with <paramref name="request"/>.</summary>
    public async Task<(PublishedPackage? Published, PublishProblem? Problem)> PublishAsync(ServerCaller caller, HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = RegistryTelemetry.Source.StartActivity("registry.publish");
        var (published, problem) = await PublishCoreAsync(caller, request, activity, cancellationToken).ConfigureAwait(false);
        var outcome = problem?.Outcome ?? PublishOutcome.Published;
        activity?.SetTag(RegistryTelemetry.OutcomeTag, outcome);
        if (problem is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, problem.Title);
            LogRefused(logger, caller.AccountName, problem.StatusCode, problem.Title);
        }

        RegistryTelemetry.Publishes.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.OutcomeTag, outcome));
        return (published, problem);
    }

    /// <summary>Unlists (<paramref name="listed"/> false) or relists a version; an unlisted version stays downloadable by exact version.</summary>
    public async Task<PublishProblem?> SetListedAsync(ServerCaller caller, string id, string version, bool listed, CancellationToken cancellationToken)
    {
        using var activity = RegistryTelemetry.Source.StartActivity(listed ? "registry.relist" : "registry.unlist");
        activity?.SetTag(RegistryTelemetry.PackageIdTag, id);
        activity?.SetTag(RegistryTelemetry.PackageVersionTag, version);
        var problem = await SetListedCoreAsync(caller, id, version, listed, cancellationToken).ConfigureAwait(false);
        var outcome = problem?.Outcome ?? PublishOutcome.Changed;
        activity?.SetTag(RegistryTelemetry.OutcomeTag, outcome);
        RegistryTelemetry.ListingChanges.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.OutcomeTag, outcome));
        if (problem is null)
        {
            LogListingChanged(logger, id, version, listed ? "relisted" : "unlisted", caller.AccountName);
        }

        return problem;
    }

    private async Task<(PublishedPackage?, PublishProblem?)> PublishCoreAsync(ServerCaller caller, HttpRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        var (upload, uploadProblem) = await PackageUpload.ReadAsync(request, RegistryUploads.Folder(server.Value), options.Value.MaxPackageBytes, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            return (null, uploadProblem);
        }

        await using (upload.ConfigureAwait(false))
        {
            var (package, inspectionProblem) = inspector.Inspect(upload.File, cancellationToken);
            if (package is null)
            {
                return (null, await screening.ExplainRefusalAsync(inspectionProblem!, upload.File, cancellationToken).ConfigureAwait(false));
            }

            activity?.SetTag(RegistryTelemetry.PackageIdTag, package.Id);
            activity?.SetTag(RegistryTelemetry.PackageVersionTag, package.Version.ToNormalizedString());
            return await StoreAsync(caller, package, upload.File, upload.Signature, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(PublishedPackage?, PublishProblem?)> StoreAsync(ServerCaller caller, InspectedPackage package, FileStream content, string? signatureText, CancellationToken cancellationToken)
    {
        var id = package.Id;
        var normalizedId = id.ToLowerInvariant();
        var version = package.Version.ToNormalizedString();
        var normalizedVersion = version.ToLowerInvariant();
        if (!caller.MayActOn(id))
        {
            return (null, OutsidePatterns(caller, id));
        }

        var registration = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        Guid ownerId;
        if (registration is not null)
        {
            if (!string.Equals(registration.PackageId, id, StringComparison.Ordinal))
            {
                return (null, CaseConflict(id, registration.PackageId));
            }

            if (await packageOwners.NotAnOwnerAsync(caller, registration, cancellationToken).ConfigureAwait(false) is { } notOwner)
            {
                return (null, notOwner);
            }

            if (await database.Versions.IgnoreQueryFilters().AnyAsync(v => v.RegistrationId == registration.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false))
            {
                return (null, VersionExists(id, version));
            }

            ownerId = registration.OwnerId;
        }
        else
        {
            // A new ID belongs to the publisher's personal owner, or to the owner of the reserved prefix
            // it is in (only that owner's members may create it); it can be transferred later.
            var callerOwners = await owners.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
            if (callerOwners.Count == 0)
            {
                return (null, PublishProblem.Forbidden("No owner to publish as", $"The account '{caller.AccountName}' has no owner to record '{id}' under; ask the server's administrator."));
            }

            (ownerId, var reserved) = await namespaces.OwnerForNewPackageAsync(caller, id, callerOwners, cancellationToken).ConfigureAwait(false);
            if (reserved is not null)
            {
                return (null, reserved);
            }
        }

        var sha512 = await TransparencyLogAppender.HashPackageAsync(content, cancellationToken).ConfigureAwait(false);
        if (await DeletedVersions.RefusalAsync(database, id, version, cancellationToken).ConfigureAwait(false) is { } deleted)
        {
            return (null, deleted);
        }

        var (signature, signatureProblem) = await signatures.CheckAsync(ownerId, package, signatureText, content, cancellationToken).ConfigureAwait(false);
        if (signatureProblem is not null)
        {
            return (null, signatureProblem);
        }

        var screened = await screening.ScreenAsync(caller, id, ownerId, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        var blob = await blobs.PutAsync(content, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var registrationId = registration?.Id ?? Guid.NewGuid();
            if (registration is null)
            {
                database.Packages.Add(new PackageRegistration
                {
                    Id = registrationId,
                    PackageId = id,
                    NormalizedId = normalizedId,
                    OwnerId = ownerId,
                    CreatedAt = now,
                });
            }

            var versionRecord = NewVersion(package, registrationId, version, normalizedVersion, blob, now);
            screened.Record(database, versionRecord);
            database.Versions.Add(versionRecord);
            if (signature is not null)
            {
                signatures.Record(versionRecord.Id, signature);
            }

            // The transparency log's record commits with the version or not at all, naming the author key
            // whose signature the publish verified (null: unsigned).
            await transparencyLog.AppendAsync(new LogAppend(id, version, sha512, signature?.KeyId, now, versionRecord.Id), cancellationToken).ConfigureAwait(false);
            await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (await DeletedVersions.RefusalAsync(database, id, version, cancellationToken).ConfigureAwait(false) is { } deletedMeanwhile)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                database.ChangeTracker.Clear();
                await DeleteBlobUnlessReferencedAsync(blob.Sha256).ConfigureAwait(false);
                return (null, deletedMeanwhile);
            }

            await audit.RecordAsync(new RegistryAuditEvent(RegistryAuditActions.Publish) { PackageId = id, PackageVersion = version, Details = new() { ["sha256"] = blob.Sha256, ["size"] = blob.Length } }, cancellationToken).ConfigureAwait(false);
            if (screened.Quarantined)
            {
                var ruleIds = new JsonArray(screened.BlockingRuleIds.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
                await audit.RecordAsync(new RegistryAuditEvent(ModerationAuditActions.Quarantine) { PackageId = id, PackageVersion = version, Details = new() { ["ruleIds"] = ruleIds } }, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            generation.Advance();
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            database.ChangeTracker.Clear();
            await DeleteBlobUnlessReferencedAsync(blob.Sha256).ConfigureAwait(false);
            var winner = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, CancellationToken.None).ConfigureAwait(false);
            return (null, winner is not null && !string.Equals(winner.PackageId, id, StringComparison.Ordinal) ? CaseConflict(id, winner.PackageId) : VersionExists(id, version));
        }
        catch
        {
            database.ChangeTracker.Clear();
            await DeleteBlobUnlessReferencedAsync(blob.Sha256).ConfigureAwait(false);
            throw;
        }

        await EnsureBlobAsync(blob, content, cancellationToken).ConfigureAwait(false);
        LogPublished(logger, id, version, blob.Sha256, blob.Length, caller.AccountName);
        return (new PublishedPackage(id, version, package.Skills.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(), package.Warnings) { Screening = screened.View }, null);
    }

    private async Task<PublishProblem?> SetListedCoreAsync(ServerCaller caller, string id, string version, bool listed, CancellationToken cancellationToken)
    {
        if (!caller.MayActOn(id))
        {
            return OutsidePatterns(caller, id);
        }

        var normalizedId = id.ToLowerInvariant();
        var registration = await database.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedId == normalizedId, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return PublishProblem.NotFound("Unknown package", $"There is no package '{PackageInspector.Shorten(id)}' on this registry; check the ID ('skillrt search' lists packages).");
        }

        if (await packageOwners.NotAnOwnerAsync(caller, registration, cancellationToken).ConfigureAwait(false) is { } notOwner)
        {
            return notOwner;
        }

        var normalizedVersion = NuGet.Versioning.NuGetVersion.TryParse(version, out var parsed) ? parsed.ToNormalizedString().ToLowerInvariant() : null;
        var record = normalizedVersion is null
            ? null
            : await database.Versions.SingleOrDefaultAsync(v => v.RegistrationId == registration.Id && v.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false);
        if (record is not null && record.IsListed != listed)
        {
            // The change and its audit entry in one transaction; unlisting an unlisted version changes (and records) nothing.
            await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            record.IsListed = listed;
            await audit.RecordAsync(new RegistryAuditEvent(listed ? RegistryAuditActions.Relist : RegistryAuditActions.Unlist) { PackageId = registration.PackageId, PackageVersion = record.Version }, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            generation.Advance();
        }

        return record is null
            ? PublishProblem.NotFound("Unknown version", $"'{registration.PackageId}' has no version '{PackageInspector.Shorten(version)}' on this registry; its versions are at v3/flatcontainer/{normalizedId}/index.json.")
            : null;
    }

    /// <summary>
    /// The sweep may have removed an old, unreferenced copy of these same bytes between the put and the
    /// commit (the put does not rewrite a blob that exists); now that the version refers to it, put it back.
    /// </summary>
    private async Task EnsureBlobAsync(BlobInfo blob, FileStream content, CancellationToken cancellationToken)
    {
        var stored = await blobs.OpenReadAsync(blob.Sha256, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            await stored.DisposeAsync().ConfigureAwait(false);
            return;
        }

        content.Position = 0;
        await blobs.PutAsync(content, cancellationToken).ConfigureAwait(false);
    }

    // Never cancelled: this cleans up after a request that may itself have been cancelled.
    private async Task DeleteBlobUnlessReferencedAsync(string sha256)
    {
        try
        {
            if (!await database.Versions.IgnoreQueryFilters().AnyAsync(v => v.PackageSha256 == sha256, CancellationToken.None).ConfigureAwait(false))
            {
                await blobs.DeleteAsync(sha256, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or IOException or InvalidOperationException)
        {
            // The sweep removes it within the hour.
            LogBlobCleanupFailed(logger, sha256, exception.Message);
        }
    }

    private static PackageVersionRecord NewVersion(InspectedPackage package, Guid registrationId, string version, string normalizedVersion, BlobInfo blob, DateTime now)
    {
        var nuspec = package.Nuspec;
        return new PackageVersionRecord
        {
            Id = Guid.NewGuid(),
            RegistrationId = registrationId,
            Version = version,
            NormalizedVersion = normalizedVersion,
            FullVersion = package.Version.ToFullString(),
            IsPrerelease = package.Version.IsPrerelease,
            IsListed = true,
            PublishedAt = now,
            PackageSha256 = blob.Sha256,
            PackageSize = blob.Length,
            Title = nuspec.Title,
            Description = nuspec.Description,
            Authors = nuspec.Authors,
            Tags = nuspec.Tags,
            ProjectUrl = nuspec.ProjectUrl,
            LicenseExpression = nuspec.LicenseExpression,
            DependencyGroupsJson = nuspec.DependencyGroupsJson,
            ManifestJson = package.ManifestJson,
            Nuspec = nuspec.Text,
            SearchText = package.SearchText,
            Runtimes = package.Runtimes,
            Permissions = package.Permissions,
            OutputTypes = package.OutputTypes,
            Inputs = package.Inputs,
        };
    }

    /// <summary>The 403 for a key whose package patterns do not cover <paramref name="id"/>.</summary>
    internal static PublishProblem OutsidePatterns(ServerCaller caller, string id) => PublishProblem.Forbidden(
        "Package ID outside the key's patterns",
        $"The API key may act on packages matching {string.Join(", ", caller.PackagePatterns.Select(p => $"'{p}'"))} only, not on '{PackageInspector.Shorten(id)}'; use a key whose packages include it ('skillrt keys create --package {PackageInspector.Shorten(id)}').");

    private static PublishProblem CaseConflict(string id, string existing) => PublishProblem.Conflict(
        "Package ID differs only by case",
        $"The package '{existing}' exists already, and IDs are compared regardless of case, so '{id}' cannot be published; publish it as '{existing}' (set <PackageId>{existing}</PackageId>).");

    private static PublishProblem VersionExists(string id, string version) => PublishProblem.Conflict(
        "Version exists",
        $"'{id}' {version} is published already, and a published version never changes; raise the version and publish again (unlist a broken version with 'dotnet nuget delete {id} {version}').");

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {PackageId} {PackageVersion} (blob {Sha256}, {Length} bytes) for {Account}")]
    private static partial void LogPublished(ILogger logger, string packageId, string packageVersion, string sha256, long length, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publish by {Account} refused with {StatusCode}: {Title}")]
    private static partial void LogRefused(ILogger logger, string account, int statusCode, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "{PackageId} {PackageVersion} {Change} by {Account}")]
    private static partial void LogListingChanged(ILogger logger, string packageId, string packageVersion, string change, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the unreferenced blob {Sha256} after a failed publish ({Reason}); the orphan sweep will")]
    private static partial void LogBlobCleanupFailed(ILogger logger, string sha256, string reason);
}

/// <summary>What a successful publish returns (201, or 202 when quarantined): the ID and version, the skills, any SKILL.md warnings and the scan.</summary>
internal sealed record PublishedPackage(string Id, string Version, IReadOnlyList<string> Skills, IReadOnlyList<PackageDiagnostic> Warnings)
{
    /// <summary>The scanner's findings and whether they quarantined the version.</summary>
    public PublishScreeningView? Screening { get; init; }
}
