using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Hosting;
using SkillRt.Server.Storage;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The orphan sweep on its own, with a manual clock: it runs at start-up and then every hour, and
/// deletes exactly the blobs that are over an hour old and that no version refers to.
/// </summary>
public sealed class OrphanBlobSweeperTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly ListedBlobStore _blobs = new();
    private readonly Channel<long> _sweeps = Channel.CreateUnbounded<long>();
    private readonly MeterListener _listener = new();

    public OrphanBlobSweeperTests()
    {
        _connection.Open();
        var services = new ServiceCollection();
        services.AddDbContext<SqliteRegistryDbContext>(options => options.UseSqlite(_connection));
        services.AddScoped<RegistryDbContext>(provider => provider.GetRequiredService<SqliteRegistryDbContext>());
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.EnsureCreated();

        // Each sweep ends by counting what it deleted: the signal that one is done.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SkillRt.Server.Registry" && instrument.Name == "skillrt.registry.swept_blobs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, deleted, _, _) => _sweeps.Writer.TryWrite(deleted));
        _listener.Start();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task It_sweeps_at_start_up_and_every_hour_only_old_unreferenced_blobs()
    {
        _blobs.Add("aa", Start - TimeSpan.FromHours(3));
        _blobs.Add("bb", Start - TimeSpan.FromHours(3));
        _blobs.Add("cc", Start - TimeSpan.FromMinutes(10));
        await RecordVersionAsync("bb");
        var sweeper = new OrphanBlobSweeper(
            _services.GetRequiredService<IServiceScopeFactory>(),
            _blobs,
            Options.Create(new SkillRtServerOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "skillrt-sweeper-" + Guid.NewGuid().ToString("N")) }),
            _clock,
            NullLogger<OrphanBlobSweeper>.Instance);

        await sweeper.StartAsync(Ct);
        Assert.Equal(1, await _sweeps.Reader.ReadAsync(Ct));
        Assert.Equal(["bb", "cc"], _blobs.Keys);

        // Fifty minutes on, 'cc' is an hour old, but no sweep is due yet.
        _clock.Advance(TimeSpan.FromMinutes(50));
        Assert.False(_sweeps.Reader.TryRead(out _));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _sweeps.Reader.ReadAsync(Ct));
        Assert.Equal(["bb"], _blobs.Keys);

        await sweeper.StopAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task RecordVersionAsync(string sha256)
    {
        await using var scope = _services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var registration = new PackageRegistration { Id = Guid.NewGuid(), PackageId = "Swept.Kept", NormalizedId = "swept.kept" };
        database.Packages.Add(registration);
        database.Versions.Add(new PackageVersionRecord
        {
            Id = Guid.NewGuid(),
            RegistrationId = registration.Id,
            Version = "1.0.0",
            NormalizedVersion = "1.0.0",
            FullVersion = "1.0.0",
            PackageSha256 = sha256,
            DependencyGroupsJson = "[]",
            ManifestJson = "{}",
            Nuspec = "<package />",
            SearchText = "",
            Runtimes = "",
            Permissions = "",
            OutputTypes = "",
            Inputs = "",
        });
        await database.SaveChangesAsync(Ct);
    }

    /// <summary>Blobs as keys and write times, the unit-level stand-in for a blob store.</summary>
    private sealed class ListedBlobStore : IBlobStore
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _blobs = new();
        public IReadOnlyList<string> Keys => [.. _blobs.Keys.Order(StringComparer.Ordinal)];

        public void Add(string sha256, DateTimeOffset writtenAt) => _blobs[sha256] = writtenAt;

        public async IAsyncEnumerable<(BlobInfo Blob, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var (sha256, writtenAt) in _blobs.ToList())
            {
                yield return (new BlobInfo(sha256, 1), writtenAt);
            }

            await Task.CompletedTask;
        }

        public Task DeleteAsync(string sha256, CancellationToken cancellationToken = default)
        {
            _blobs.TryRemove(sha256, out _);
            return Task.CompletedTask;
        }

        public Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
