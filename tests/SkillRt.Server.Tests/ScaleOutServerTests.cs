using System;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// The server program on the scale-out tier (PostgreSQL and an S3 bucket), beyond what the identity
/// tests check on both tiers: every module's migrations, the registry, readiness that follows the bucket.
/// </summary>
public sealed class ScaleOutServerTests(ScaleOutServerFixture fixture) : IClassFixture<ScaleOutServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_module_s_PostgreSQL_migrations_are_applied_once_at_start()
    {
        var identity = await fixture.Database.QueryAsync<string>("SELECT \"MigrationId\" FROM \"__identity_migrations\" ORDER BY 1", Ct);
        Assert.Equal(MigrationIds(typeof(PostgreSqlIdentityDbContext)), identity);

        var registry = await fixture.Database.QueryAsync<string>("SELECT \"MigrationId\" FROM \"__registry_migrations\" ORDER BY 1", Ct);
        Assert.NotEmpty(registry);
        var tables = await fixture.Database.QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", Ct);
        Assert.Contains("registry_packages", tables);
        Assert.Contains("registry_versions", tables);
        Assert.Contains("identity_api_keys", tables);

        Assert.Contains("Database of module identity is up to date (PostgreSql)", fixture.Server.Output, StringComparison.Ordinal);
        Assert.Contains("Database of module registry is up to date (PostgreSql)", fixture.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_module_answers_on_the_scale_out_tier()
    {
        using var client = fixture.Server.CreateClient();
        var response = await client.GetAsync("v3/index.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PackagePublish/2.0.0", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_fails_while_the_bucket_cannot_be_reached_and_liveness_does_not()
    {
        // A server of its own: this test takes its bucket away.
        var cluster = await PostgresCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(Ct);
        await using var bucket = await S3rverProcess.StartAsync(cancellationToken: Ct);
        await using var server = await ServerProcess.StartAsync(settings: ScaleOutServerFixture.Settings(database, bucket));
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready", Ct)).StatusCode);

        await bucket.DisposeAsync(); // s3rver ends here; the dispose at the end of the test then does nothing.

        // A load balancer stops sending this replica traffic; an orchestrator does not restart it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Replicas_migrating_one_fresh_database_at_the_same_moment_apply_each_migration_once()
    {
        // The replicas' start-up race, at the engine: each replica holds the server's advisory lock
        // around the module's migrations (as DatabaseMigrator does; EF Core's own lock covers one
        // migration at a time, which is not enough once a module has two), so one migrates and the
        // others find it done. Several rounds, since a race that is lost once is enough.
        var cluster = await PostgresCluster.GetAsync();
        var expected = MigrationIds(typeof(PostgreSqlIdentityDbContext));
        for (var round = 0; round < 3; round++)
        {
            await using var database = await cluster.CreateDatabaseAsync(Ct);
            var options = Options.Create(new SkillRtServerOptions { Database = { Provider = DatabaseProvider.PostgreSql, ConnectionString = database.ConnectionString } });
            var contexts = Enumerable.Range(0, 4).Select(_ =>
            {
                var builder = new DbContextOptionsBuilder<PostgreSqlIdentityDbContext>();
                ServerDatabase.Configure(builder, options, "identity");
                return new PostgreSqlIdentityDbContext(builder.Options);
            }).ToArray();
            try
            {
                await Task.WhenAll(contexts.Select(context => Task.Run(async () =>
                {
                    await using var migrationLock = await PostgreSqlMigrationLock.AcquireAsync(database.ConnectionString, Ct);
                    await context.Database.MigrateAsync(Ct);
                }, Ct)));
            }
            finally
            {
                foreach (var context in contexts)
                {
                    await context.DisposeAsync();
                }
            }

            Assert.Equal(expected, await database.QueryAsync<string>("SELECT \"MigrationId\" FROM \"__identity_migrations\" ORDER BY 1", Ct));
            Assert.Contains("identity_accounts", await database.QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", Ct));
        }
    }

    /// <summary>The IDs of the migrations compiled for <paramref name="context"/>, in order.</summary>
    private static string[] MigrationIds(Type context) =>
        context.Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == context && type.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()!.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
