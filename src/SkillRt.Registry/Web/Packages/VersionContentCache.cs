using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// The <see cref="VersionContent"/> of recently viewed versions, by version ID. Versions are
/// immutable, so an entry never goes stale; the cache is bounded by weight (roughly the characters
/// of rendered HTML and JSON an entry holds), so a registry of many large skills costs at most
/// <see cref="MaxWeight"/> characters, about 64 MB, whatever is viewed.
/// </summary>
internal sealed class VersionContentCache : IDisposable
{
    /// <summary>The total weight the cache holds before it evicts the least recently used entries.</summary>
    public const long MaxWeight = 32L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxWeight, CompactionPercentage = 0.25 });

    /// <summary>The content of <paramref name="versionId"/>, built by <paramref name="build"/> when it is not kept.</summary>
    public async Task<VersionContent> GetOrBuildAsync(Guid versionId, Func<CancellationToken, Task<VersionContent>> build, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(versionId, out VersionContent? content))
        {
            return content!;
        }

        // Two first views of one version may both build it: the work is the same and either result is right.
        content = await build(cancellationToken).ConfigureAwait(false);
        _cache.Set(versionId, content, new MemoryCacheEntryOptions { Size = Math.Max(1, content.Weight) });
        return content;
    }

    public void Dispose() => _cache.Dispose();
}
