using System.Collections.Generic;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// One real server whose DNS lookups go to a <see cref="TestDnsServer"/> on 127.0.0.1, with a short
/// DNS timeout and no retries so the timeout test is quick.
/// </summary>
public sealed class NamespaceFixture : IAsyncLifetime
{
    internal TestDnsServer Dns { get; } = new();

    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    public async ValueTask InitializeAsync() => Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["SkillRt:Registry:Namespaces:DnsServers:0"] = Dns.Address,
        ["SkillRt:Registry:Namespaces:DnsTimeout"] = "00:00:00.500",
        ["SkillRt:Registry:Namespaces:DnsRetries"] = "0",
    });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
