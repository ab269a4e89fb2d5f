using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>
/// What happens before the server accepts a request, in order: every module's migrations, the
/// first administrator (on an empty database), then readiness. A failure stops the start with the reason.
/// </summary>
internal sealed class ServerStartup(
    IServiceProvider services,
    DatabaseMigrator migrator,
    IBlobStore blobs,
    ServerReadiness readiness,
    IOptions<SkillRtServerOptions> options,
    TimeProvider time) : IHostedService
{
    /// <summary>The text before the first administrator's key on standard output; tests and scripts look for it.</summary>
    public const string AdministratorKeyBanner = "First administrator key (shown once, store it now): ";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (blobs is FileBlobStore files)
        {
            files.RemoveAbandonedIncoming(time.GetUtcNow());
        }

        if (options.Value.BootstrapAdministrator)
        {
            await BootstrapAdministratorAsync(cancellationToken).ConfigureAwait(false);
        }

        readiness.MarkStarted();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BootstrapAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IdentityService>();
        if (await identity.AnyAccountAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var catalog = scope.ServiceProvider.GetRequiredService<ApiKeyScopeCatalog>();
        var (key, error) = await identity.CreateAccountAsync("admin", administrator: true, IdentityEndpoints.AllScopes(catalog), cancellationToken).ConfigureAwait(false);
        if (error is not null || key is null)
        {
            // Another replica created it first; its output showed the key.
            return;
        }

        // Standard output, never the log: logs are collected and kept, and a key must not be.
        Console.Out.WriteLine(AdministratorKeyBanner + key.Secret);
        Console.Out.WriteLine("  It has every scope. Create narrower keys with 'skillrt keys create', and revoke this one when you have.");
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
