using System.Collections.Generic;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// One real server whose DNS lookups go to a <see cref="TestDnsServer"/> on 127.0.0.1, with a short
/// DNS timeout and no retries so the timeout test is quick. Its database is SQLite, or PostgreSQL
/// when <c>SKILLRT_TEST_POSTGRES</c> is set.
/// </summary>
public sealed class NamespaceFixture : IAsyncLifetime
{
    internal TestDnsServer Dns { get; } = new();

    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    public async ValueTask InitializeAsync()
    {
        // SQLite by default; PostgreSQL when SKILLRT_TEST_POSTGRES is set (TestDatabase), so both engines run these.
        var settings = new Dictionary<string, string>(await TestDatabase.SettingsAsync(TestContext.Current.CancellationToken))
        {
            ["SkillRt:Registry:Namespaces:DnsServers:0"] = Dns.Address,
            ["SkillRt:Registry:Namespaces:DnsTimeout"] = "00:00:00.500",
            ["SkillRt:Registry:Namespaces:DnsRetries"] = "0",
        };
        Server = await ServerProcess.StartAsync(settings: settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
