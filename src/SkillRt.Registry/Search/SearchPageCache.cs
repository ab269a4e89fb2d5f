using System;
using System.Threading.Tasks;
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
internal sealed class SearchPageCache(RegistryGeneration generation, IOptions<RegistryOptions> options) : IDisposable
{
    private readonly GenerationCache<(string Query, int Skip, int Take, bool Prerelease), SearchPage> _cache =
        new(generation, options.Value.SearchCacheDuration, options.Value.SearchCacheEntries);

    /// <summary>The kept page for <paramref name="request"/>, or the one <paramref name="load"/> gives.</summary>
    public Task<SearchPage> GetOrLoadAsync(SearchRequest request, Func<Task<SearchPage>> load)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _cache.GetOrLoadAsync((request.Query.Key(), request.Skip, request.Take, request.Prerelease), load);
    }

    public void Dispose() => _cache.Dispose();
}
