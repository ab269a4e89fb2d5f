using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Namespaces;

/// <summary>The <c>registry_domain_verifications</c> table: pending and completed domain claims.</summary>
internal sealed class DomainVerificationConfiguration : IEntityTypeConfiguration<DomainVerification>
{
    public void Configure(EntityTypeBuilder<DomainVerification> verification)
    {
        verification.ToTable("registry_domain_verifications");
        verification.HasKey(v => v.Id);
        verification.Property(v => v.Prefix).HasMaxLength(NamespacePrefix.MaxLength);
        verification.Property(v => v.NormalizedPrefix).HasMaxLength(NamespacePrefix.MaxLength);
        verification.Property(v => v.Domain).HasMaxLength(DomainName.MaxLength);
        verification.Property(v => v.Token).HasMaxLength(64);
        verification.HasIndex(v => new { v.OwnerId, v.NormalizedPrefix });
    }
}
