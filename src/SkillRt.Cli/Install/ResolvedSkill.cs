using System.Collections.Generic;

namespace SkillRt.Cli.Install;

/// <summary>One skill of a successful resolution: the version chosen and why it is there.</summary>
/// <param name="Candidate">The version chosen.</param>
/// <param name="IsRequested">Whether the user asked for it (a root of the resolution), rather than only a dependency.</param>
/// <param name="RequiredBy">The chosen skills that depend on it, in the order they were met.</param>
internal sealed record ResolvedSkill(SkillCandidate Candidate, bool IsRequested, IReadOnlyList<SkillCandidate> RequiredBy)
{
    public string Name => Candidate.Name;

    public SemanticVersion Version => Candidate.Version;
}
