using Microsoft.EntityFrameworkCore;

namespace SkillRt.Server.Identity;

/// <summary>The identity tables on PostgreSQL; its migrations are in <c>Migrations/PostgreSql/Identity</c>.</summary>
internal sealed class PostgreSqlIdentityDbContext(DbContextOptions<PostgreSqlIdentityDbContext> options) : IdentityDbContext(options);
