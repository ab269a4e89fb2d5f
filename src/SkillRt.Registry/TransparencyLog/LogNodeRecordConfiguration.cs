using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>The <c>registry_log_nodes</c> table.</summary>
internal sealed class LogNodeRecordConfiguration : IEntityTypeConfiguration<LogNodeRecord>
{
    public void Configure(EntityTypeBuilder<LogNodeRecord> node)
    {
        node.ToTable("registry_log_nodes");
        node.HasKey(n => n.Id);
        node.Property(n => n.Id).ValueGeneratedNever();
        node.Property(n => n.Hash).HasMaxLength(32);
    }
}
