using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Reading;

namespace SkillRt.Registry.Search;

/// <summary>
/// Search pages (<see cref="SearchPage"/>) kept for <see cref="RegistryOptions.SearchCacheDuration"/>, per
/// <see cref="RegistryGeneration"/> and normalized question (<see cref="SearchQuery.Key"/>, page, view):
/// a popular query, the web page's and the API's alike, costs a lookup instead of a full-text query
/// that reads every match to count the facets. Concurrent askers of a question not yet kept share one
/// load; a load that fails is not kept.
/// </summary>
internal sealed class SearchPageCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly RegistryGeneration _generation;
    private readonly TimeSpan _duration;

    public SearchPageCache(RegistryGeneration generation, IOptions<RegistryOptions> options)
    {
        _generation = generation;
        _duration = options.Value.SearchCacheDuration;
        // A page holds at most MaxPageSize summaries, so entries are counted rather than weighed.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SearchCacheEntries });
    }

    /// <summary>The kept page for <paramref name="request"/>, or the one <paramref name="load"/> gives.</summary>
    public async Task<SearchPage> GetOrLoadAsync(SearchRequest request, Func<Task<SearchPage>> load)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(load);
        if (_duration == TimeSpan.Zero)
        {
            return await load().ConfigureAwait(false);
        }

        var key = (_generation.Current, request.Query.Key(), request.Skip, request.Take, request.Prerelease);
        if (_cache.TryGetValue(key, out Task<SearchPage>? kept) && kept is not null)
        {
            // Another request's load, maybe still running; if it failed (or its client went away), load again.
            await ((Task)kept).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (kept.IsCompletedSuccessfully)
            {
                return kept.Result;
            }

            _cache.Remove(key);
        }

        var loading = load();
        _ = _cache.Set(key, loading, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
        try
        {
            return await loading.ConfigureAwait(false);
        }
        catch
        {
            _cache.Remove(key);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();
}
