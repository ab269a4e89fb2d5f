using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.TransparencyLog;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Signing;
using SkillRt.Registry.Moderation;

namespace SkillRt.Registry.Storage;

/// <summary>The registry's tables (<c>registry_*</c>); one subclass per engine carries that engine's migrations.</summary>
internal abstract class RegistryDbContext(DbContextOptions options) : DbContext(options)
{
    public const string ModuleName = "registry";

    public DbSet<PackageRegistration> Packages => Set<PackageRegistration>();

    public DbSet<PackageVersionRecord> Versions => Set<PackageVersionRecord>();

    public DbSet<LogEntryRecord> LogEntries => Set<LogEntryRecord>();

    public DbSet<LogNodeRecord> LogNodes => Set<LogNodeRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PackageRegistration>(package =>
        {
            package.ToTable("registry_packages");
            package.HasKey(p => p.Id);
            package.Property(p => p.PackageId).HasMaxLength(128);
            package.Property(p => p.NormalizedId).HasMaxLength(128);
            package.HasIndex(p => p.NormalizedId).IsUnique();
            package.HasIndex(p => p.OwnerId);
        });

        modelBuilder.Entity<PackageVersionRecord>(version =>
        {
            version.ToTable("registry_versions");
            version.HasKey(v => v.Id);
            version.Property(v => v.Version).HasMaxLength(128);
            version.Property(v => v.NormalizedVersion).HasMaxLength(128);
            version.Property(v => v.FullVersion).HasMaxLength(256);
            version.Property(v => v.PackageSha256).HasMaxLength(64);
            version.HasIndex(v => new { v.RegistrationId, v.NormalizedVersion }).IsUnique();
            version.HasIndex(v => v.PackageSha256);
            version.HasOne<PackageRegistration>().WithMany().HasForeignKey(v => v.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.ApplyConfiguration(new Namespaces.PrefixReservationConfiguration());
        modelBuilder.ApplyConfiguration(new Namespaces.DomainVerificationConfiguration());
        modelBuilder.ApplyConfiguration(new Ownership.PackageCoOwnerConfiguration());
        modelBuilder.ApplyConfiguration(new Ownership.OwnerInvitationConfiguration());
        modelBuilder.ApplyConfiguration(new LogEntryRecordConfiguration());
        modelBuilder.ApplyConfiguration(new LogNodeRecordConfiguration());
        modelBuilder.ApplyConfiguration(new VersionLifecycleConfiguration());
        modelBuilder.ApplyConfiguration(new PackageTombstoneConfiguration());
        modelBuilder.ApplyConfiguration(new RegistryAuditEntryConfiguration());
        modelBuilder.ApplySigning();
        modelBuilder.ApplyConfiguration(new QuarantineFilterConfiguration());
        modelBuilder.ApplyConfiguration(new VersionFindingConfiguration());
        modelBuilder.ApplyConfiguration(new QuarantineAppealConfiguration());
        modelBuilder.ApplyConfiguration(new AbuseReportConfiguration());
    }
}
