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

    private const long TypicalAnswerCharacters = 8 * 1024;

    public SearchResponseCache(RegistryGeneration generation, IOptions<RegistryOptions> options)
    {
        _generation = generation;
        _duration = options.Value.SearchCacheDuration;
        // Sized in characters: an entry costs what its answer weighs, so the cache holds at most
        // SearchCacheEntries answers of a typical 8 KiB, whatever size the answers are.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = (long)options.Value.SearchCacheEntries * TypicalAnswerCharacters });
    }

    /// <summary>The cached answer to <paramref name="request"/>, or the one <paramref name="answer"/> gives (kept when it is JSON).</summary>
    public async Task<IResult> GetOrAnswerAsync(HttpRequest request, Func<Task<IResult>> answer)
    {
        if (_duration == TimeSpan.Zero)
        {
            return await answer().ConfigureAwait(false);
        }

        // Links in an answer are built from the scheme, host and path base (or the configured public URL).
        var key = (_generation.Current, request.Scheme, request.Host.Value, request.PathBase.Value, request.QueryString.Value);
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
        _cache.Set(key, json, new MemoryCacheEntryOptions { Size = Math.Max(1, json.Length), AbsoluteExpirationRelativeToNow = _duration });
        return Results.Text(json, "application/json; charset=utf-8");
    }

    public void Dispose() => _cache.Dispose();
}
