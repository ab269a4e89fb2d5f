using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Lifecycle;

/// <summary><c>registry_version_lifecycle</c>: keyed by the version, deleted with it.</summary>
internal sealed class VersionLifecycleConfiguration : IEntityTypeConfiguration<VersionLifecycle>
{
    public void Configure(EntityTypeBuilder<VersionLifecycle> lifecycle)
    {
        lifecycle.ToTable("registry_version_lifecycle");
        lifecycle.HasKey(l => l.VersionId);
        lifecycle.Ignore(l => l.IsDeprecated);
        lifecycle.Property(l => l.DeprecationReasons).HasMaxLength(64);
        lifecycle.Property(l => l.DeprecationMessage).HasMaxLength(DeprecationRequest.MaxMessageLength);
        lifecycle.Property(l => l.AlternatePackageId).HasMaxLength(128);
        lifecycle.Property(l => l.AlternatePackageRange).HasMaxLength(256);
        lifecycle.HasOne<PackageVersionRecord>().WithOne().HasForeignKey<VersionLifecycle>(l => l.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
