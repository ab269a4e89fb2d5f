using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.LifecycleHarness;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The lifecycle and audit log on PostgreSQL (a throw-away cluster, tests/Shared/PostgresCluster.cs):
/// the dependents query's case-insensitive filter, the tombstone and the audit log's identity column
/// behave as on SQLite.
/// </summary>
public sealed class LifecyclePostgreSqlTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private ServerProcess _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        _server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:Database:Provider"] = "PostgreSql",
            ["SkillRt:Database:ConnectionString"] = _database.ConnectionString,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Deprecate_yank_dependents_delete_and_the_audit_log_work_on_PostgreSql()
    {
        var admin = _server.AdministratorKey!;
        await PublishAsync(_server, admin, "Pg.Base", "1.0.0");
        await PublishAsync(_server, admin, "Pg.App", "1.0.0", ("pg.base", "[1.0.0, 2.0.0)"));
        await NoContentAsync(DeprecateAsync(_server, admin, "Pg.Base", "1.0.0", new { reasons = new[] { "Legacy" }, alternatePackage = new { id = "Pg.Next" } }));
        await NoContentAsync(YankAsync(_server, admin, "Pg.Base", "1.0.0"));
        var entry = await CatalogEntryAsync(_server, "Pg.Base", "1.0.0");
        Assert.True(entry.GetProperty("skillrt:yanked").GetBoolean());
        Assert.Equal("*", entry.GetProperty("deprecation").GetProperty("alternatePackage").GetProperty("range").GetString());

        var refused = await ProblemAsync(await DeleteAsync(_server, admin, "Pg.Base", "1.0.0"), HttpStatusCode.Conflict);
        Assert.Contains("Pg.App 1.0.0 depends on 'Pg.Base'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await NoContentAsync(DeleteAsync(_server, admin, "Pg.App", "1.0.0"));
        await NoContentAsync(DeleteAsync(_server, admin, "Pg.Base", "1.0.0"));
        var builder = new SkillPackageBuilder("Pg.Base", "1.0.0").AddStructuredSkill("pg-base", "Again.");
        await ProblemAsync(await PushAsync(_server, builder.Build(), admin), HttpStatusCode.Conflict);

        using var client = _server.CreateClient(admin);
        var page = await client.GetFromJsonAsync<JsonElement>("api/v2/audit?package=PG.BASE&take=2", Ct);
        Assert.Equal(["package.delete", "package.yank"], page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var next = await client.GetFromJsonAsync<JsonElement>("api/v2/audit?package=pg.base&cursor=" + page.GetProperty("nextCursor").GetString(), Ct);
        Assert.Equal(["package.deprecate", "package.publish"], next.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("api/v2/audit?actor=ADMIN&action=package.delete", Ct)).GetProperty("items").GetArrayLength());
    }
}
