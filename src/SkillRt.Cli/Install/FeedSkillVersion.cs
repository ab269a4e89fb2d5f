using System.Collections.Generic;

namespace SkillRt.Cli.Install;

/// <summary>One version of a skill found on a feed, with the package that holds it, downloaded.</summary>
/// <param name="Name">The skill's name.</param>
/// <param name="Version">The skill's version, from the package's <c>skills/index.json</c>.</param>
/// <param name="Dependencies">The skill's <c>dependencies.skills</c>, from the same index.</param>
/// <param name="PackageId">The package's ID.</param>
/// <param name="PackageVersion">The package's version, normalized.</param>
/// <param name="Source">The feed, as messages name it: <c>'skills' (/path/to/feed)</c>.</param>
/// <param name="Content">The .nupkg's bytes: what resolution read is exactly what gets installed.</param>
/// <param name="State">Whether the package version is yanked or deprecated, from the feed's registration; null for neither.</param>
internal sealed record FeedSkillVersion(
    string Name,
    SemanticVersion Version,
    IReadOnlyList<SkillDependency> Dependencies,
    string PackageId,
    string PackageVersion,
    string Source,
    byte[] Content,
    PackageLifecycleState? State = null)
{
    /// <summary>How messages name the package: <c>Contoso.ReleaseSkills 0.2.0 from 'feed'</c>.</summary>
    public string DisplayName => $"{PackageId} {PackageVersion} from {Source}";
}
