using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SkillRt.Server.Identity;

/// <summary>
/// The identity model's tables (<c>identity_*</c>). One subclass per engine carries that engine's
/// migrations (<see cref="SqliteIdentityDbContext"/>, <see cref="PostgreSqlIdentityDbContext"/>);
/// code uses this type. It also keeps the data-protection key ring, so every replica reads the web
/// session cookies and antiforgery tokens the others wrote.
/// </summary>
internal abstract class IdentityDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The module name the identity tables and migration history are prefixed with.</summary>
    public const string ModuleName = "identity";

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<OwnerMember> OwnerMembers => Set<OwnerMember>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>The data-protection key ring (web session cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>().ToTable("identity_data_protection_keys");

        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("identity_accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Name).HasMaxLength(IdentityNames.MaxLength);
            account.Property(a => a.NormalizedName).HasMaxLength(IdentityNames.MaxLength);
            account.HasIndex(a => a.NormalizedName).IsUnique();
            account.Property(a => a.DisabledReason).HasMaxLength(Account.MaxDisabledReasonLength);
        });

        modelBuilder.Entity<Owner>(owner =>
        {
            owner.ToTable("identity_owners");
            owner.HasKey(o => o.Id);
            owner.Property(o => o.Name).HasMaxLength(IdentityNames.MaxLength);
            owner.Property(o => o.NormalizedName).HasMaxLength(IdentityNames.MaxLength);
            owner.HasIndex(o => o.NormalizedName).IsUnique();
        });

        modelBuilder.Entity<OwnerMember>(member =>
        {
            member.ToTable("identity_owner_members");
            member.HasKey(m => new { m.OwnerId, m.AccountId });
            member.HasIndex(m => m.AccountId);
            member.HasOne<Owner>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("identity_api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Name).HasMaxLength(200);
            key.Property(k => k.SecretHash).HasMaxLength(32);
            key.Property(k => k.Hint).HasMaxLength(32);
            key.Property(k => k.Scopes).HasMaxLength(1000);
            key.Property(k => k.Packages).HasMaxLength(4000);
            key.HasIndex(k => k.SecretHash).IsUnique();
            key.HasIndex(k => k.AccountId);
            key.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
