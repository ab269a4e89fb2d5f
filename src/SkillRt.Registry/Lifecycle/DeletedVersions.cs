using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Lifecycle;

/// <summary>The publish path's check against <see cref="PackageTombstone"/>s: a deleted ID and version is never published again.</summary>
internal static class DeletedVersions
{
    /// <summary>
    /// The 409 for publishing a deleted version, or null. The publisher asks before storing the blob and
    /// again inside its transaction, after inserting the version: a delete that commits between the two
    /// is then seen, and the publish rolls back.
    /// </summary>
    public static async Task<PublishProblem?> RefusalAsync(RegistryDbContext database, string id, string version, CancellationToken cancellationToken)
    {
        var normalizedId = id.ToLowerInvariant();
        var normalizedVersion = version.ToLowerInvariant();
        var tombstone = await database.Set<PackageTombstone>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.NormalizedId == normalizedId && t.NormalizedVersion == normalizedVersion, cancellationToken).ConfigureAwait(false);
        return tombstone is null
            ? null
            : PublishProblem.Conflict(
                "Version was deleted",
                $"'{tombstone.PackageId}' {tombstone.Version} was published and deleted on {tombstone.DeletedAt:yyyy-MM-dd}, and a deleted version's number is never used again (anyone who installed it must not get different bytes under the same name); raise the version and publish again.");
    }
}
