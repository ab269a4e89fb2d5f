using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;

namespace SkillRt.Server.Tests;

/// <summary>
/// One real server on the scale-out tier for a test class: a fresh database on the run's PostgreSQL
/// cluster and a bucket on its own s3rver.
/// </summary>
public sealed class ScaleOutServerFixture : ServerTierFixture
{
    internal PostgresDatabase Database { get; private set; } = null!;

    internal S3rverProcess Bucket { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        Database = await cluster.CreateDatabaseAsync();
        Bucket = await S3rverProcess.StartAsync();
        Server = await ServerProcess.StartAsync(settings: Settings(Database, Bucket));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Bucket is not null)
        {
            await Bucket.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>The server settings for PostgreSQL <paramref name="database"/> and the bucket of <paramref name="bucket"/>.</summary>
    internal static IReadOnlyDictionary<string, string> Settings(PostgresDatabase database, S3rverProcess bucket) =>
        new Dictionary<string, string>(bucket.ServerSettings)
        {
            ["SkillRt:Database:Provider"] = "PostgreSql",
            ["SkillRt:Database:ConnectionString"] = database.ConnectionString,
        };

    internal override Task<string> ReadStoredTextAsync(CancellationToken cancellationToken) => Database.ReadAllRowsAsync(cancellationToken);
}
