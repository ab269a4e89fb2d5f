using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// The registry's most downloaded package IDs, for the scanner's confusable-name rules; read from the
/// database at most once per <see cref="ModerationOptions.PopularNamesRefresh"/>, so a publish usually
/// costs no query for it. One read at a time: publishes that arrive meanwhile wait for it.
/// </summary>
internal sealed class PopularPackageNames(IServiceScopeFactory scopes, IOptions<ModerationOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DateTimeOffset ReadAt, IReadOnlyList<PopularPackage> Packages)? _current;

    /// <summary>The popular packages, most downloaded first.</summary>
    public async Task<IReadOnlyList<PopularPackage>> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            var settings = options.Value;
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var packages = await database.Packages.AsNoTracking()
                .Where(p => p.TotalDownloads >= settings.PopularMinDownloads)
                .OrderByDescending(p => p.TotalDownloads).ThenBy(p => p.NormalizedId)
                .Take(settings.PopularNames)
                .Select(p => new PopularPackage(p.PackageId, p.OwnerId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            _current = (time.GetUtcNow(), packages);
            return packages;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<PopularPackage>? Fresh() =>
        _current is { } current && time.GetUtcNow() - current.ReadAt < options.Value.PopularNamesRefresh ? current.Packages : null;
}
