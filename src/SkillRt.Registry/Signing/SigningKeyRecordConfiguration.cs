using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Signing;

/// <summary>The <c>registry_signing_keys</c> table: one key id once per owner.</summary>
internal sealed class SigningKeyRecordConfiguration : IEntityTypeConfiguration<SigningKeyRecord>
{
    public void Configure(EntityTypeBuilder<SigningKeyRecord> key)
    {
        key.ToTable("registry_signing_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.KeyId).HasMaxLength(16);
        key.Property(k => k.PublicKey).HasMaxLength(64);
        key.Property(k => k.Name).HasMaxLength(SigningLimits.MaxKeyNameLength);
        key.HasIndex(k => new { k.OwnerId, k.KeyId }).IsUnique();
    }
}
