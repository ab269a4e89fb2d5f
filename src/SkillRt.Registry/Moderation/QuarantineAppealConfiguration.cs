using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// Maps <see cref="QuarantineAppeal"/> to <c>registry_appeals</c>. A filtered unique index holds at most
/// one open appeal per version, whatever races between requests and replicas.
/// </summary>
internal sealed class QuarantineAppealConfiguration : IEntityTypeConfiguration<QuarantineAppeal>
{
    public void Configure(EntityTypeBuilder<QuarantineAppeal> builder)
    {
        builder.ToTable("registry_appeals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.AccountName).HasMaxLength(IdentityNames.MaxLength);
        builder.Property(a => a.Text).HasMaxLength(QuarantineAppeal.MaxTextLength);
        builder.Property(a => a.State).HasMaxLength(16);
        builder.Property(a => a.ResolvedBy).HasMaxLength(IdentityNames.MaxLength);
        builder.Property(a => a.ResolutionNote).HasMaxLength(QuarantineAppeal.MaxNoteLength);
        // Both engines quote identifiers with double quotes, so the same filter serves SQLite and PostgreSQL.
        builder.HasIndex(a => a.VersionId).IsUnique().HasFilter("\"State\" = 'open'");
        builder.HasIndex(a => a.State);
        builder.HasOne<PackageVersionRecord>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
