using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.AgentDoc;
using SkillRt.Registry.Reading;

namespace SkillRt.Server.AgentDocs;

/// <summary>
/// The agent-docs published to this server's registry, as the doc tools see them: the listed versions of
/// packages of type <see cref="AgentDocPackages.PackageType"/>, read through <see cref="IRegistryPackages"/>,
/// after the files of <see cref="AgentDocServerOptions.Files"/>.
/// The list is kept while the registry's generation stays the same and for at most
/// <see cref="AgentDocServerOptions.RefreshInterval"/>; each version is parsed and indexed once, keyed by its
/// package's SHA-256, so a query after the first costs no database or blob read.
/// </summary>
internal sealed partial class RegistryAgentDocCatalog(
    IServiceScopeFactory scopes,
    IOptions<AgentDocServerOptions> options,
    TimeProvider time,
    ILogger<RegistryAgentDocCatalog> logger) : IAgentDocCatalog, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<string, AgentDocIndex> _bySha256 = new(StringComparer.Ordinal);
    private Snapshot? _snapshot;
    private IReadOnlyList<AgentDocIndex>? _files;

    public async ValueTask<IReadOnlyList<AgentDocLibrary>> ListLibrariesAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Libraries;

    public async ValueTask<AgentDocIndex?> FindAsync(string name, string version, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Indexes.GetValueOrDefault((name, version));

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        using var scope = scopes.CreateScope();
        var packages = scope.ServiceProvider.GetRequiredService<IRegistryPackages>();
        if (snapshot is not null && snapshot.Generation == packages.Generation && time.GetUtcNow() - snapshot.ReadAt < options.Value.RefreshInterval)
        {
            return snapshot;
        }

        // One reader refreshes; the others answer from the list they have, if any.
        if (snapshot is not null && !await _refresh.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return snapshot;
        }

        if (snapshot is null)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var current = Volatile.Read(ref _snapshot);
            if (current is not null && current != snapshot)
            {
                return current;
            }

            var fresh = await ReadAsync(packages, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _snapshot, fresh);
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(IRegistryPackages packages, CancellationToken cancellationToken)
    {
        using var activity = AgentDocTelemetry.Source.StartActivity("agent_doc catalog read");
        AgentDocTelemetry.CatalogReads.Add(1);
        var generation = packages.Generation;
        var readAt = time.GetUtcNow();
        var versions = (await packages.ListVersionsAsync(AgentDocPackages.PackageType, cancellationToken).ConfigureAwait(false))
            // Unlisted and yanked versions are not offered: an agent asking for a library gets what its owners still stand by.
            .Where(v => v.IsListed && !v.IsYanked)
            .OrderByDescending(v => v.PublishedAt)
            .Take(options.Value.MaxDocuments)
            .ToList();
        var indexes = new Dictionary<(string, string), AgentDocIndex>();

        // Files from the settings first: they are what the operator asked for by name.
        _files ??= AgentDocFileSource.Load(options.Value.Files, logger);
        foreach (var file in _files)
        {
            indexes.TryAdd((file.Identity.Name, file.Identity.Version), file);
        }

        foreach (var version in versions)
        {
            if (!_bySha256.TryGetValue(version.PackageSha256, out var index))
            {
                var bytes = await packages.ReadFileAsync(version.PackageId, version.Version, AgentDocPackages.FileName, AgentDocLimits.MaxFileBytes, cancellationToken).ConfigureAwait(false);
                var read = bytes is null ? null : AgentDocReader.Parse(bytes, AgentDocPackages.FileName);
                if (read?.Document is null || read.HasErrors)
                {
                    // Validated at push with the same reader; a version that fails now was stored some other way.
                    LogUnreadable(logger, version.PackageId, version.Version);
                    continue;
                }

                index = _bySha256.GetOrAdd(version.PackageSha256, new AgentDocIndex(read.Document));
            }

            indexes.TryAdd((index.Identity.Name, index.Identity.Version), index);
        }

        // Versions no longer offered (deleted, unlisted, yanked) leave the parsed cache too.
        var kept = versions.Select(v => v.PackageSha256).ToHashSet(StringComparer.Ordinal);
        foreach (var sha256 in _bySha256.Keys.Where(k => !kept.Contains(k)).ToList())
        {
            _bySha256.TryRemove(sha256, out _);
        }

        return new Snapshot(generation, readAt, AgentDocCatalog.Describe(indexes.Values), indexes);
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The agent-doc package {PackageId} {Version} has no valid agent-doc.yaml; it is not served.")]
    private static partial void LogUnreadable(ILogger logger, string packageId, string version);

    private sealed record Snapshot(long Generation, DateTimeOffset ReadAt, IReadOnlyList<AgentDocLibrary> Libraries, IReadOnlyDictionary<(string Name, string Version), AgentDocIndex> Indexes);
}
