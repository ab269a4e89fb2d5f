using Microsoft.EntityFrameworkCore;

namespace SkillRt.Registry.Signing;

/// <summary>The signing tables, applied to the registry's model in one call from <c>RegistryDbContext</c>.</summary>
internal static class SigningModel
{
    public static ModelBuilder ApplySigning(this ModelBuilder modelBuilder) => modelBuilder
        .ApplyConfiguration(new SigningKeyRecordConfiguration())
        .ApplyConfiguration(new SigningPolicyRecordConfiguration())
        .ApplyConfiguration(new VersionSignatureRecordConfiguration());
}
