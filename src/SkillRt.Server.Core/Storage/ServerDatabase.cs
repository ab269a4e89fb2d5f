using System;
using System.IO;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillRt.Server.Hosting;

namespace SkillRt.Server.Storage;

/// <summary>How every module's context connects: one database, one migration history table per module.</summary>
internal static class ServerDatabase
{
    public const string SqliteFileName = "skillrt.db";

    public static string SqliteConnectionString(SkillRtServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            return options.Database.ConnectionString;
        }

        // A busy database waits up to 30 s for the writer ahead of it instead of failing at once.
        return $"Data Source={Path.Combine(options.ResolvedDataDirectory, SqliteFileName)};Default Timeout=30;Pooling=True";
    }

    public static void Configure(DbContextOptionsBuilder builder, IOptions<SkillRtServerOptions> options, string moduleName)
    {
        var settings = options.Value;
        var historyTable = $"__{moduleName}_migrations";
        switch (settings.Database.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(settings), sqlite => sqlite.MigrationsHistoryTable(historyTable))
                    .AddInterceptors(SqliteConnectionSettings.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(settings.Database.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(historyTable));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {settings.Database.Provider}.");
        }
    }
}
