using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>Maps <see cref="VersionFinding"/> to <c>registry_findings</c>, deleted with its version.</summary>
internal sealed class VersionFindingConfiguration : IEntityTypeConfiguration<VersionFinding>
{
    public void Configure(EntityTypeBuilder<VersionFinding> builder)
    {
        builder.ToTable("registry_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.RuleId).HasMaxLength(VersionFinding.MaxRuleIdLength);
        builder.Property(f => f.Severity).HasMaxLength(VersionFinding.MaxSeverityLength);
        builder.Property(f => f.File).HasMaxLength(VersionFinding.MaxFileLength);
        builder.Property(f => f.Message).HasMaxLength(VersionFinding.MaxTextLength);
        builder.Property(f => f.Evidence).HasMaxLength(VersionFinding.MaxTextLength);
        builder.Property(f => f.Fix).HasMaxLength(VersionFinding.MaxTextLength);
        builder.HasIndex(f => new { f.VersionId, f.Ordinal });
        builder.HasOne<PackageVersionRecord>().WithMany().HasForeignKey(f => f.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
