using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Server.Hosting;
using SkillRt.Server.Telemetry;

namespace SkillRt.Server.Storage;

/// <summary>
/// Brings every module's tables up to date when the server starts, before it accepts a request.
/// Replicas starting together are safe: EF Core takes a database lock around migrations.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceProvider services,
    IEnumerable<ServerDbContextRegistration> registrations,
    IOptions<SkillRtServerOptions> options,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Database.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.ResolvedDataDirectory);
            await EnableWriteAheadLogAsync(ServerDatabase.SqliteConnectionString(settings), cancellationToken).ConfigureAwait(false);
        }

        // EF Core's own lock on PostgreSQL covers one migration's transaction, not a module's list of
        // them: two replicas starting together could both decide a later migration was still to do
        // (the replica tests saw "relation already exists"). One session-level advisory lock around
        // every module's migrations makes replicas migrate one after another.
        await using var replicaLock = settings.Database.Provider == DatabaseProvider.PostgreSql
            ? await PostgreSqlMigrationLock.AcquireAsync(settings.Database.ConnectionString!, cancellationToken).ConfigureAwait(false)
            : null;

        foreach (var registration in registrations)
        {
            using var activity = ServerTelemetry.Source.StartActivity("server.migrate");
            activity?.SetTag("skillrt.module", registration.ModuleName);
            activity?.SetTag("db.system", settings.Database.Provider == DatabaseProvider.PostgreSql ? "postgresql" : "sqlite");
            await using var scope = services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(logger, registration.ModuleName, settings.Database.Provider);
        }
    }

    // WAL lets downloads and searches read while a publish writes; the mode is stored in the file.
    private static async Task EnableWriteAheadLogAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of module {Module} is up to date ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string module, DatabaseProvider provider);
}
