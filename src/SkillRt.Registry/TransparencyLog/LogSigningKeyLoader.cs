using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>Loads (or generates) the log's signing key when the server starts, so a bad key stops the start, not the first request.</summary>
internal sealed class LogSigningKeyLoader(LogSigningKey key) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = key.Signer;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
