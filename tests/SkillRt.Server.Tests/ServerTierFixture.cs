using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// One real server for a test class on one storage tier; tests that hold on both tiers take this and
/// run once per tier (<see cref="ServerFixture"/> embedded, <see cref="ScaleOutServerFixture"/> PostgreSQL + S3).
/// </summary>
public abstract class ServerTierFixture : IAsyncLifetime
{
    internal ServerProcess Server { get; private protected set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    /// <summary>Everything the tier's database holds, as text, to check what is stored and what is not.</summary>
    internal abstract Task<string> ReadStoredTextAsync(CancellationToken cancellationToken);

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();
}
