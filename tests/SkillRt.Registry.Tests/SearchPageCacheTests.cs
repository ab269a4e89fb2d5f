using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Search;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The search page cache the API and the web page share: one load per question and generation,
/// whatever the spelling; concurrent askers share a load; a failed load is not kept.
/// </summary>
public sealed class SearchPageCacheTests
{
    private static readonly SearchPage Page = new(0, [], new Dictionary<string, IReadOnlyDictionary<string, int>>());

    private static SearchRequest Request(string query, int skip = 0) => new(SearchQuery.Parse(query), skip, 20, Prerelease: false);

    private static SearchPageCache Cache(RegistryGeneration generation, TimeSpan? duration = null) =>
        new(generation, Options.Create(new RegistryOptions { SearchCacheDuration = duration ?? TimeSpan.FromMinutes(5) }));

    [Fact]
    public async Task The_same_question_is_loaded_once_per_generation_however_it_is_spelled()
    {
        var generation = new RegistryGeneration();
        using var cache = Cache(generation);
        var loads = 0;
        Task<SearchPage> Load() { loads++; return Task.FromResult(Page); }

        await cache.GetOrLoadAsync(Request("review runtime:process typed:true"), Load);
        await cache.GetOrLoadAsync(Request("Review  typed:true runtime:PROCESS"), Load);
        Assert.Equal(1, loads);

        await cache.GetOrLoadAsync(Request("review runtime:process typed:true", skip: 20), Load);
        Assert.Equal(2, loads);

        generation.Advance();
        await cache.GetOrLoadAsync(Request("review runtime:process typed:true"), Load);
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task Concurrent_askers_share_one_load_and_a_failed_load_is_not_kept()
    {
        using var cache = Cache(new RegistryGeneration());
        var release = new TaskCompletionSource<SearchPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var first = cache.GetOrLoadAsync(Request("review"), () => { loads++; return release.Task; });
        var second = cache.GetOrLoadAsync(Request("review"), () => { loads++; return Task.FromResult(Page); });
        release.SetResult(Page);
        Assert.Same(Page, await first);
        Assert.Same(Page, await second);
        Assert.Equal(1, loads);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync(Request("broken"), () => Task.FromException<SearchPage>(new InvalidOperationException("database down"))));
        Assert.Same(Page, await cache.GetOrLoadAsync(Request("broken"), () => Task.FromResult(Page)));
    }

    [Fact]
    public async Task A_duration_of_zero_turns_it_off()
    {
        using var cache = Cache(new RegistryGeneration(), TimeSpan.Zero);
        var loads = 0;
        Task<SearchPage> Load() { loads++; return Task.FromResult(Page); }
        await cache.GetOrLoadAsync(Request("review"), Load);
        await cache.GetOrLoadAsync(Request("review"), Load);
        Assert.Equal(2, loads);
    }
}
