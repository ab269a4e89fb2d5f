using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Reading;

namespace SkillRt.Registry.Search;

/// <summary>
/// Search answers kept for <see cref="RegistryOptions.SearchCacheDuration"/>, per query string and
/// host (links in an answer carry the host) and per <see cref="RegistryGeneration"/>: popular
/// queries, which are most of a registry's searches, then cost a lookup instead of a full-text query,
/// facet counts and four reads. Only successful answers are kept.
/// </summary>
internal sealed class SearchResponseCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly RegistryGeneration _generation;
    private readonly TimeSpan _duration;

    public SearchResponseCache(RegistryGeneration generation, IOptions<RegistryOptions> options)
    {
        _generation = generation;
        _duration = options.Value.SearchCacheDuration;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SearchCacheEntries });
    }

    /// <summary>The cached answer to <paramref name="request"/>, or the one <paramref name="answer"/> gives (kept when it is JSON).</summary>
    public async Task<IResult> GetOrAnswerAsync(HttpRequest request, Func<Task<IResult>> answer)
    {
        if (_duration == TimeSpan.Zero)
        {
            return await answer().ConfigureAwait(false);
        }

        var key = (_generation.Current, request.Host.Value, request.PathBase.Value, request.QueryString.Value);
        if (_cache.TryGetValue(key, out string? json))
        {
            return Results.Text(json!, "application/json; charset=utf-8");
        }

        var result = await answer().ConfigureAwait(false);
        if (result is not IValueHttpResult { Value: System.Text.Json.Nodes.JsonNode body })
        {
            return result;
        }

        json = body.ToJsonString();
        _cache.Set(key, json, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
        return Results.Text(json, "application/json; charset=utf-8");
    }

    public void Dispose() => _cache.Dispose();
}
