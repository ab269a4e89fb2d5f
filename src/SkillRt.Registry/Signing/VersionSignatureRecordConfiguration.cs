using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Signing;

/// <summary>The <c>registry_version_signatures</c> table: one row per signed version, gone with the version.</summary>
internal sealed class VersionSignatureRecordConfiguration : IEntityTypeConfiguration<VersionSignatureRecord>
{
    public void Configure(EntityTypeBuilder<VersionSignatureRecord> signature)
    {
        signature.ToTable("registry_version_signatures");
        signature.HasKey(s => s.VersionId);
        signature.Property(s => s.KeyId).HasMaxLength(16);
        signature.Property(s => s.Signature).HasMaxLength(SigningLimits.MaxSignatureChars);
        signature.HasIndex(s => s.KeyId);
        signature.HasOne<PackageVersionRecord>().WithOne().HasForeignKey<VersionSignatureRecord>(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
