namespace SkillRt.Server.Storage;

/// <summary>The database engine every module's tables live in.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in the data directory: zero configuration, one server process.</summary>
    Sqlite,

    /// <summary>PostgreSQL (Supabase included): several server replicas on one database.</summary>
    PostgreSql,
}
