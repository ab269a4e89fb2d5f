using System;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// One real server for a test class, seeded once with the versions the class reads; on SQLite, or on
/// a new database of the PostgreSQL server <see cref="TestDatabase"/> names.
/// </summary>
public abstract class SeededRegistryFixture : IAsyncLifetime
{
    internal ServerProcess Server { get; private set; } = null!;

    internal RegistrySeeder Seeder { get; private set; } = null!;

    /// <summary>The NuGet V3 source URL clients are given.</summary>
    internal string SourceUrl => Server.BaseUrl + "v3/index.json";

    public async ValueTask InitializeAsync()
    {
        var settings = await TestDatabase.SettingsAsync(TestContext.Current.CancellationToken);
        // The seeder writes to the database behind the server's back, as another replica would; with
        // the search cache on, a search would answer from before the write until the entry expired.
        // These classes test the search itself, so the cache is off (SearchCacheTests tests it).
        var serverSettings = new System.Collections.Generic.Dictionary<string, string>(settings) { ["SkillRt:Registry:SearchCacheDuration"] = "00:00:00" };
        Server = await ServerProcess.StartAsync(settings: serverSettings);
        Seeder = new RegistrySeeder(Server, settings);
        await SeedAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Seeder is not null)
        {
            await Seeder.DisposeAsync();
        }

        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Records what the class reads.</summary>
    internal abstract Task SeedAsync(CancellationToken cancellationToken);
}
