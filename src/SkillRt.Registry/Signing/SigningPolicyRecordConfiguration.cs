using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Signing;

/// <summary>The <c>registry_signing_policies</c> table, keyed by owner.</summary>
internal sealed class SigningPolicyRecordConfiguration : IEntityTypeConfiguration<SigningPolicyRecord>
{
    public void Configure(EntityTypeBuilder<SigningPolicyRecord> policy)
    {
        policy.ToTable("registry_signing_policies");
        policy.HasKey(p => p.OwnerId);
    }
}
