using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>The <c>registry_log_entries</c> table.</summary>
internal sealed class LogEntryRecordConfiguration : IEntityTypeConfiguration<LogEntryRecord>
{
    public void Configure(EntityTypeBuilder<LogEntryRecord> entry)
    {
        entry.ToTable("registry_log_entries");
        entry.HasKey(e => e.LeafIndex);
        entry.Property(e => e.LeafIndex).ValueGeneratedNever();
        entry.Property(e => e.NormalizedId).HasMaxLength(128);
        entry.Property(e => e.NormalizedVersion).HasMaxLength(128);
        entry.Property(e => e.Entry).HasMaxLength(4096);
        // Not unique: should a deleted version's number ever be accepted again, both records stay in the log.
        entry.HasIndex(e => new { e.NormalizedId, e.NormalizedVersion });
    }
}
