using System.Collections.Generic;

namespace SkillRt.Cli.Install;

/// <summary>One version of a skill that dependency resolution may choose, with the sibling skills it needs.</summary>
/// <param name="Name">The skill's name.</param>
/// <param name="Version">The skill's version.</param>
/// <param name="Dependencies">Its <c>dependencies.skills</c>, as the package's <c>skills/index.json</c> or the installed SKILL.md declares them.</param>
/// <param name="Origin">Where it comes from, for messages: <c>Contoso.ReviewSkills 1.1.0 from 'feed'</c>, or <c>installed</c>.</param>
/// <param name="IsInstalled">Whether this version is already in the store (choosing it downloads nothing).</param>
/// <param name="IsYanked">Whether its package version is yanked on the feed: resolution takes it only for a requirement of exactly this version.</param>
internal sealed record SkillCandidate(string Name, SemanticVersion Version, IReadOnlyList<SkillDependency> Dependencies, string Origin, bool IsInstalled = false, bool IsYanked = false)
{
    /// <summary>How the conflict report names it: <c>pr-review@1.1.0</c>.</summary>
    public override string ToString() => $"{Name}@{Version}";
}
