using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Storage;
using SkillRt.Server.Hosting;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// Deletes package blobs that no version refers to, at start-up and every hour: what a publish leaves
/// when the server dies between storing the blob and recording the version (SIGKILL, power loss), or
/// when its own clean-up after a lost race failed. Only blobs written over an hour ago are candidates,
/// so a publish in flight (on this replica or another) never loses its blob; a publish whose bytes
/// match an old orphan puts the blob back after recording its version. Abandoned upload files go too.
/// </summary>
/// <remarks>The registry is the only module that stores blobs today; a module that stores blobs too must be asked before this deletes one.</remarks>
internal sealed partial class OrphanBlobSweeper(
    IServiceScopeFactory scopes,
    IBlobStore blobs,
    IOptions<SkillRtServerOptions> server,
    TimeProvider time,
    ILogger<OrphanBlobSweeper> logger) : BackgroundService
{
    /// <summary>How often the sweep runs after the one at start-up.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How old an unreferenced blob must be to be deleted: older than any publish takes.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    private const int BatchSize = 500;

    /// <summary>Deletes the unreferenced blobs written before <see cref="MinimumAge"/> ago; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - MinimumAge;
        var deleted = 0;
        var batch = new List<string>(BatchSize);
        await foreach (var (blob, writtenAt) in blobs.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (writtenAt >= cutoff)
            {
                continue;
            }

            batch.Add(blob.Sha256);
            if (batch.Count == BatchSize)
            {
                deleted += await DeleteUnreferencedAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            deleted += await DeleteUnreferencedAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        RemoveAbandonedUploads(cutoff);
        RegistryTelemetry.SweptBlobs.Add(deleted);
        LogSwept(logger, deleted);

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up goes on without waiting for the first sweep.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<int> DeleteUnreferencedAsync(List<string> candidates, CancellationToken cancellationToken)
    {
        HashSet<string> referenced;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            // Quarantined versions hold their blobs too (the query filter hides them from reads only).
            referenced = (await database.Versions.IgnoreQueryFilters()
                .Where(v => candidates.Contains(v.PackageSha256))
                .Select(v => v.PackageSha256)
                .Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        }

        var deleted = 0;
        foreach (var sha256 in candidates.Where(sha => !referenced.Contains(sha)))
        {
            // Asked again just before the delete: deleting a batch takes a while on a remote bucket,
            // and a publish of the same bytes may have recorded a version since the batch's query.
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            if (await database.Versions.IgnoreQueryFilters().AnyAsync(v => v.PackageSha256 == sha256, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await blobs.DeleteAsync(sha256, cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }

    private void RemoveAbandonedUploads(DateTimeOffset cutoff)
    {
        var folder = RegistryUploads.Folder(server.Value);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff.UtcDateTime)
                {
                    File.Delete(file);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // In use, or gone already; the next sweep looks again.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphan blob sweep: deleted {Count} package blobs that no version refers to")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orphan blob sweep failed; it runs again within the hour")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
