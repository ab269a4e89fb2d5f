using System.Collections.Generic;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>One real server with the registry (embedded defaults, its own data directory) for a test class.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    /// <summary>The NuGet V3 source URL clients are given.</summary>
    internal string SourceUrl => Server.BaseUrl + "v3/index.json";

    // A test class publishes dozens of packages with the one administrator key, more than the default
    // write budget's burst; RateLimitTests cover the budgets themselves.
    public async ValueTask InitializeAsync() => Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["SkillRt:RateLimits:Write:Burst"] = "10000",
        ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "100000",
    });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
