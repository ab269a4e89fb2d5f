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
    private const string SkillTagPrefix = "skillrt-skill-";

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
            var top = await database.Packages.AsNoTracking()
                .Where(p => p.TotalDownloads >= settings.PopularMinDownloads)
                .OrderByDescending(p => p.TotalDownloads).ThenBy(p => p.NormalizedId)
                .Take(settings.PopularNames)
                .Select(p => new { p.Id, p.PackageId, p.OwnerId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = top.Select(p => p.Id).ToList();
            // Skill names come from the tags dotnet pack writes (skillrt-skill-{name}); the newest
            // versions are enough, and the bound keeps a package with thousands of versions cheap.
            var tags = await database.Versions.AsNoTracking()
                .Where(v => ids.Contains(v.RegistrationId) && v.IsListed)
                .OrderByDescending(v => v.PublishedAt)
                .Take(Math.Max(1, settings.PopularNames) * 4)
                .Select(v => new { v.RegistrationId, v.Tags })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var skills = tags.GroupBy(t => t.RegistrationId).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.SelectMany(t => (t.Tags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Where(tag => tag.StartsWith(SkillTagPrefix, StringComparison.OrdinalIgnoreCase) && tag.Length > SkillTagPrefix.Length)
                    .Select(tag => tag[SkillTagPrefix.Length..])
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList());
            var packages = top.Select(p => new PopularPackage(p.PackageId, p.OwnerId, skills.TryGetValue(p.Id, out var names) ? names : [])).ToList();
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
