namespace SkillRt.Server.Storage;

/// <summary>The <c>SkillRt:Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The engine; <see cref="DatabaseProvider.Sqlite"/> unless configured.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Optional for SQLite (the default is <c>skillrt.db</c> in the data
    /// directory); required for PostgreSQL, for example
    /// <c>Host=db.internal;Database=skillrt;Username=skillrt;Password=…</c>.
    /// </summary>
    public string? ConnectionString { get; set; }
}
