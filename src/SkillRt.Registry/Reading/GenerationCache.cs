using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace SkillRt.Registry.Reading;

/// <summary>
/// Answers kept for a while per <see cref="RegistryGeneration"/>: a change made on this replica makes
/// every kept answer unreachable at once (their keys hold the old generation, and they expire unseen),
/// while changes made on other replicas show once an answer expires. Concurrent askers of a key not
/// yet kept share one load; a load that fails, or whose first asker went away, is not kept.
/// </summary>
/// <typeparam name="TKey">What identifies an answer; the generation is added to it.</typeparam>
/// <typeparam name="TValue">The answer.</typeparam>
internal sealed class GenerationCache<TKey, TValue> : IDisposable
    where TKey : IEquatable<TKey>
{
    private readonly MemoryCache _cache;
    private readonly RegistryGeneration _generation;
    private readonly TimeSpan _duration;

    /// <param name="generation">The replica's generation.</param>
    /// <param name="duration">How long an answer is kept; zero turns the cache off.</param>
    /// <param name="entries">The most answers kept; the least recently used go first.</param>
    public GenerationCache(RegistryGeneration generation, TimeSpan duration, int entries)
    {
        _generation = generation;
        _duration = duration;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, entries) });
    }

    /// <summary>The kept answer for <paramref name="key"/>, or the one <paramref name="load"/> gives.</summary>
    public async Task<TValue> GetOrLoadAsync(TKey key, Func<Task<TValue>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_duration == TimeSpan.Zero)
        {
            return await load().ConfigureAwait(false);
        }

        var entryKey = (_generation.Current, key);
        if (_cache.TryGetValue(entryKey, out Task<TValue>? kept) && kept is not null)
        {
            // Another request's load, maybe still running; if it failed (or its client went away), load again.
            await ((Task)kept).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (kept.IsCompletedSuccessfully)
            {
                return kept.Result;
            }

            _cache.Remove(entryKey);
        }

        var loading = load();
        _ = _cache.Set(entryKey, loading, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
        try
        {
            return await loading.ConfigureAwait(false);
        }
        catch
        {
            _cache.Remove(entryKey);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();
}
