using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>
/// Picks the version of a library's agent-doc that a skill's <c>dependencies.agent-docs</c> range asks for
/// (SKILL-SPEC section 7.5). Agent-doc versions are the API's own (<c>1.5</c>, <c>v2</c>, <c>2024-06-01</c>),
/// so they are read leniently: a leading <c>v</c> is dropped and missing numbers are zero; a version that is
/// still not SemVer satisfies only <c>*</c>.
/// </summary>
internal static class AgentDocVersionMatch
{
    /// <summary>The highest of <paramref name="versions"/> (newest first, as catalogs list them) that <paramref name="range"/> accepts, or null.</summary>
    public static AgentDocLibraryVersion? Highest(IReadOnlyList<AgentDocLibraryVersion> versions, SkillVersionRange range)
    {
        foreach (var version in versions)
        {
            if (AgentDocVersions.Accepts(range, version.Version))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>The version as SemVer, or null when even the lenient reading fails.</summary>
    public static SemanticVersion? Parse(string version) => AgentDocVersions.ParseLenient(version);
}
