using System;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// Two server processes on one PostgreSQL database and one bucket, started at the same moment on an
/// empty database, as replicas behind a load balancer are: both migrate, one creates the first administrator.
/// </summary>
public sealed class ReplicaFixture : IAsyncLifetime
{
    internal PostgresDatabase Database { get; private set; } = null!;

    internal S3rverProcess Bucket { get; private set; } = null!;

    internal ServerProcess First { get; private set; } = null!;

    internal ServerProcess Second { get; private set; } = null!;

    internal ServerProcess[] Replicas => [First, Second];

    /// <summary>The first administrator's key, printed by whichever replica created the account.</summary>
    internal string AdministratorKey => First.AdministratorKey ?? Second.AdministratorKey
        ?? throw new InvalidOperationException("Neither replica printed the first administrator's key:\n" + First.Output + "\n" + Second.Output);

    public async ValueTask InitializeAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        Database = await cluster.CreateDatabaseAsync();
        Bucket = await S3rverProcess.StartAsync();
        var settings = ScaleOutServerFixture.Settings(Database, Bucket);
        var starts = new[] { ServerProcess.StartAsync(settings: settings), ServerProcess.StartAsync(settings: settings) };
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }

        First = starts[0].Result;
        Second = starts[1].Result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in new[] { First, Second }.Where(r => r is not null))
        {
            await replica.DisposeAsync();
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
}
