using System;
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

namespace SkillRt.Registry.Reading;

/// <summary>
/// Writes the <see cref="DownloadCounter"/>'s counts every <see cref="RegistryOptions.DownloadCountInterval"/>,
/// and once more when the server stops. One transaction per batch: atomic increments of each
/// version's and each package's count, so the two always agree.
/// </summary>
internal sealed partial class DownloadCountWriter(
    DownloadCounter counter,
    RegistryGeneration generation,
    IServiceScopeFactory scopes,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    ILogger<DownloadCountWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DownloadCountInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the pending counts in one transaction; on failure they stay pending for the next try.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var batch = counter.Take();
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var ((_, versionId), count) in batch)
                {
                    await db.Versions.Where(v => v.Id == versionId)
                        .ExecuteUpdateAsync(s => s.SetProperty(v => v.Downloads, v => v.Downloads + count), cancellationToken).ConfigureAwait(false);
                }

                foreach (var package in batch.GroupBy(entry => entry.Key.RegistrationId))
                {
                    var count = package.Sum(entry => entry.Value);
                    await db.Packages.Where(p => p.Id == package.Key)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.TotalDownloads, p => p.TotalDownloads + count), cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            generation.Advance();
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or OperationCanceledException)
        {
            counter.Restore(batch);
            LogWriteFailed(logger, batch.Count, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download counts of {Versions} versions could not be written; they are kept for the next try")]
    private static partial void LogWriteFailed(ILogger logger, int versions, Exception exception);
}
