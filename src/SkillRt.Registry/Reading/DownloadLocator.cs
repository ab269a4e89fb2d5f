using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Registry.Reading;

/// <summary>
/// Where a version's .nupkg is, remembered: a published version's content never changes (versions are
/// never deleted or overwritten, and unlisting does not stop downloads), so after the first download
/// the next ones need no database read. Bounded by entry count.
/// </summary>
internal sealed class DownloadLocator : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <param name="id">The package ID, any case.</param>
    /// <param name="version">The version as the URL has it.</param>
    /// <param name="services">The request's services: the database is opened only when the location is not known yet.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    public async Task<PackageDownload?> FindAsync(string id, string version, IServiceProvider services, CancellationToken cancellationToken)
    {
        var key = (id.ToLowerInvariant(), version.ToLowerInvariant());
        if (_cache.TryGetValue(key, out PackageDownload? known))
        {
            return known;
        }

        var found = await services.GetRequiredService<PackageReader>().FindDownloadAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            // Only what exists is remembered: a version published a moment later is found on its first request.
            _cache.Set(key, found, new MemoryCacheEntryOptions { Size = 1 });
        }

        return found;
    }

    /// <summary>
    /// Forgets every remembered location: a moderator removed or quarantined a version, so one of them
    /// may be gone. This replica only; others forget on restart (docs/registry.md says so).
    /// </summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
