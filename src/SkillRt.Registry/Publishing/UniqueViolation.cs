using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// Whether a failed save broke a unique index: two publishes of one ID and version (or of IDs that
/// differ only by case) raced, and the database, not a check before the insert, decided which won.
/// </summary>
internal static class UniqueViolation
{
    // SQLITE_CONSTRAINT_UNIQUE (the extended code of SQLITE_CONSTRAINT).
    private const int SqliteUniqueConstraint = 2067;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
