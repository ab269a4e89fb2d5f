using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Audit;

/// <summary><c>registry_audit</c>, indexed for the read API's filters (each newest first by ID).</summary>
internal sealed class RegistryAuditEntryConfiguration : IEntityTypeConfiguration<RegistryAuditEntry>
{
    public void Configure(EntityTypeBuilder<RegistryAuditEntry> entry)
    {
        entry.ToTable("registry_audit");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.ActorName).HasMaxLength(128);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.PackageId).HasMaxLength(128);
        entry.Property(e => e.NormalizedPackageId).HasMaxLength(128);
        entry.Property(e => e.PackageVersion).HasMaxLength(128);
        entry.Property(e => e.Target).HasMaxLength(256);
        entry.Property(e => e.ClientAddress).HasMaxLength(64);
        entry.HasIndex(e => new { e.NormalizedPackageId, e.Id });
        entry.HasIndex(e => new { e.ActorAccountId, e.Id });
        entry.HasIndex(e => new { e.Action, e.Id });
        entry.HasIndex(e => e.OccurredAt);
    }
}
