using Microsoft.EntityFrameworkCore;

namespace SkillRt.Server.Identity;

/// <summary>The identity tables on SQLite; its migrations are in <c>Migrations/Sqlite/Identity</c>.</summary>
internal sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : IdentityDbContext(options);
