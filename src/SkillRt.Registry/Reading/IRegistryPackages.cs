using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Registry.Reading;

/// <summary>
/// What other modules may read of the registry's packages: the published versions of a package type and
/// a file inside one, with the visibility every read of the registry has (quarantined versions are
/// hidden, deleted ones gone). Scoped, like the registry's DbContext; a singleton creates a scope per use.
/// </summary>
public interface IRegistryPackages
{
    /// <summary>
    /// A number that changes whenever this replica publishes, unlists, relists or deletes something: a reader
    /// that caches what it read can keep its cache while this stays the same (other replicas' changes are not
    /// seen in it, so keep such a cache for a short time as well).
    /// </summary>
    long Generation { get; }

    /// <summary>Every visible version of every package whose nuspec names <paramref name="packageType"/> (case-insensitive).</summary>
    Task<IReadOnlyList<RegistryPackageVersion>> ListVersionsAsync(string packageType, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes of the file at <paramref name="path"/> ('/'-separated) in one visible version's package; null when
    /// the version or the file does not exist, or the file is larger than <paramref name="maxBytes"/>.
    /// </summary>
    Task<byte[]?> ReadFileAsync(string packageId, string version, string path, int maxBytes, CancellationToken cancellationToken);
}
