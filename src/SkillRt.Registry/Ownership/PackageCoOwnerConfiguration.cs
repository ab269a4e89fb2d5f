using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Ownership;

/// <summary>The <c>registry_co_owners</c> table, removed with its package.</summary>
internal sealed class PackageCoOwnerConfiguration : IEntityTypeConfiguration<PackageCoOwner>
{
    public void Configure(EntityTypeBuilder<PackageCoOwner> coOwner)
    {
        coOwner.ToTable("registry_co_owners");
        coOwner.HasKey(c => new { c.RegistrationId, c.OwnerId });
        coOwner.HasIndex(c => c.OwnerId);
        coOwner.HasOne<PackageRegistration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
