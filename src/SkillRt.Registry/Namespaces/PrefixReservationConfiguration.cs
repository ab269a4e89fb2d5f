using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillRt.Registry.Namespaces;

/// <summary>The <c>registry_prefixes</c> table: one row per reserved prefix, unique by its lowercase form.</summary>
internal sealed class PrefixReservationConfiguration : IEntityTypeConfiguration<PrefixReservation>
{
    public void Configure(EntityTypeBuilder<PrefixReservation> reservation)
    {
        reservation.ToTable("registry_prefixes");
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.Prefix).HasMaxLength(NamespacePrefix.MaxLength);
        reservation.Property(r => r.NormalizedPrefix).HasMaxLength(NamespacePrefix.MaxLength);
        reservation.Property(r => r.VerifiedDomain).HasMaxLength(DomainName.MaxLength);
        reservation.HasIndex(r => r.NormalizedPrefix).IsUnique();
        reservation.HasIndex(r => r.OwnerId);
    }
}
