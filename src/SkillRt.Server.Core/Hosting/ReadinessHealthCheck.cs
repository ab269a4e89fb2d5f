using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Ready means: start-up work is done, the database answers and the blob store can be written. A load
/// balancer sends a replica traffic only then.
/// </summary>
internal sealed class ReadinessHealthCheck(ServerReadiness readiness, IdentityDbContext database, IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsStarted)
        {
            return HealthCheckResult.Unhealthy("Starting: migrations are not done yet.");
        }

        if (!await database.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }

        try
        {
            await blobs.CheckAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The blob store cannot be written: " + exception.Message);
        }

        return HealthCheckResult.Healthy();
    }
}
