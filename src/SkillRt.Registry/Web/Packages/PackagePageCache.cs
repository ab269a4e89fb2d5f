using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Reading;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// Skill pages as a visitor who is not signed in sees them, kept for
/// <see cref="RegistryOptions.PackagePageCacheDuration"/> per <see cref="RegistryGeneration"/>, package
/// and version: a popular page costs a lookup instead of a dozen queries. Pages that do not exist are
/// kept too, so asking for one again and again does not reach the database either. Signed-in viewers
/// are never served from here, since owners and administrators see quarantined versions and findings.
/// </summary>
internal sealed class PackagePageCache(RegistryGeneration generation, IOptions<RegistryOptions> options) : IDisposable
{
    private readonly GenerationCache<(string Id, string? Version), PackagePageView?> _cache =
        new(generation, options.Value.PackagePageCacheDuration, options.Value.PackagePageCacheEntries);

    /// <summary>The kept page of <paramref name="normalizedId"/> at <paramref name="normalizedVersion"/> (latest when null), or the one <paramref name="load"/> gives.</summary>
    public Task<PackagePageView?> GetOrLoadAsync(string normalizedId, string? normalizedVersion, Func<Task<PackagePageView?>> load) =>
        _cache.GetOrLoadAsync((normalizedId, normalizedVersion), load);

    public void Dispose() => _cache.Dispose();
}
