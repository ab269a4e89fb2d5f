using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// Hides quarantined versions from every query of <c>registry_versions</c> (a global query filter):
/// the flat container, registration, search, autocomplete, downloads and manifests then never see
/// them, and a read path added later cannot forget to. Code that must see them, such as moderation,
/// the publish's "version exists" check and anything deciding whether a blob is still referenced,
/// says <c>IgnoreQueryFilters()</c>.
/// </summary>
internal sealed class QuarantineFilterConfiguration : IEntityTypeConfiguration<PackageVersionRecord>
{
    public void Configure(EntityTypeBuilder<PackageVersionRecord> builder)
    {
        builder.HasQueryFilter(v => !v.IsQuarantined);
        builder.HasIndex(v => v.IsQuarantined);
    }
}
