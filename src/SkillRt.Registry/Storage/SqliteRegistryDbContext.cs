using Microsoft.EntityFrameworkCore;

namespace SkillRt.Registry.Storage;

/// <summary>The registry tables on SQLite; its migrations are in <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options) : RegistryDbContext(options);
