using System.Collections.Generic;
using System.Threading;

namespace SkillRt.Cli.Install;

/// <summary>
/// What <see cref="DependencyResolver"/> knows of the world: the versions of a skill and what each
/// depends on. The CLI's source reads the NuGet feeds and the store (<c>SkillVersionCatalog</c>);
/// unit tests use a table in memory.
/// </summary>
internal interface ISkillVersionSource
{
    /// <summary>
    /// The versions of <paramref name="name"/>, highest SemVer precedence first, each version once,
    /// produced lazily: a resolver that stops at the first version it can use must not pay for the
    /// rest (on a feed, each version is a download). None when the skill is nowhere.
    /// </summary>
    IAsyncEnumerable<SkillCandidate> GetVersionsAsync(string name, CancellationToken cancellationToken);
}
