using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Lifecycle;

/// <summary><c>registry_tombstones</c>, keyed by the lowercase ID and version a publish is checked against.</summary>
internal sealed class PackageTombstoneConfiguration : IEntityTypeConfiguration<PackageTombstone>
{
    public void Configure(EntityTypeBuilder<PackageTombstone> tombstone)
    {
        tombstone.ToTable("registry_tombstones");
        tombstone.HasKey(t => new { t.NormalizedId, t.NormalizedVersion });
        tombstone.Property(t => t.NormalizedId).HasMaxLength(128);
        tombstone.Property(t => t.NormalizedVersion).HasMaxLength(128);
        tombstone.Property(t => t.PackageId).HasMaxLength(128);
        tombstone.Property(t => t.Version).HasMaxLength(128);
        tombstone.Property(t => t.PackageSha256).HasMaxLength(64);
    }
}
