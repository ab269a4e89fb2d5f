using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Ownership;

/// <summary>The <c>registry_owner_invitations</c> table: one pending invitation per package and invited owner.</summary>
internal sealed class OwnerInvitationConfiguration : IEntityTypeConfiguration<OwnerInvitation>
{
    public void Configure(EntityTypeBuilder<OwnerInvitation> invitation)
    {
        invitation.ToTable("registry_owner_invitations");
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        invitation.HasIndex(i => new { i.RegistrationId, i.OwnerId }).IsUnique();
        invitation.HasIndex(i => i.OwnerId);
        invitation.HasOne<PackageRegistration>().WithMany().HasForeignKey(i => i.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
