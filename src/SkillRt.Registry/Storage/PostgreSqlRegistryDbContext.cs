using Microsoft.EntityFrameworkCore;

namespace SkillRt.Registry.Storage;

/// <summary>The registry tables on PostgreSQL; its migrations are in <c>Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlRegistryDbContext(DbContextOptions<PostgreSqlRegistryDbContext> options) : RegistryDbContext(options);
