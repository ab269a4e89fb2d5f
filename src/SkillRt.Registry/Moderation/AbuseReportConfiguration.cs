using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Moderation;

/// <summary>Maps <see cref="AbuseReport"/> to <c>registry_abuse_reports</c>.</summary>
internal sealed class AbuseReportConfiguration : IEntityTypeConfiguration<AbuseReport>
{
    public void Configure(EntityTypeBuilder<AbuseReport> builder)
    {
        builder.ToTable("registry_abuse_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.PackageId).HasMaxLength(128);
        builder.Property(r => r.NormalizedId).HasMaxLength(128);
        builder.Property(r => r.Version).HasMaxLength(128);
        builder.Property(r => r.Category).HasMaxLength(32);
        builder.Property(r => r.Text).HasMaxLength(AbuseReport.MaxTextLength);
        builder.Property(r => r.ReporterName).HasMaxLength(IdentityNames.MaxLength);
        builder.Property(r => r.State).HasMaxLength(16);
        builder.Property(r => r.ResolvedBy).HasMaxLength(IdentityNames.MaxLength);
        builder.Property(r => r.ResolutionNote).HasMaxLength(QuarantineAppeal.MaxNoteLength);
        builder.HasIndex(r => new { r.State, r.CreatedAt });
        builder.HasIndex(r => new { r.ReporterAccountId, r.State });
        builder.HasIndex(r => new { r.NormalizedId, r.Version });
    }
}
