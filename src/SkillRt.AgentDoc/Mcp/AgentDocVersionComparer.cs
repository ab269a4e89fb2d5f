using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>
/// Orders the versions of a library's agent-docs the way SemVer does where they are SemVer (<c>1.10.0</c>
/// after <c>1.9.2</c>, a pre-release before its release), and sensibly where they are not (dates such as
/// <c>2024-06-01</c>, <c>v2</c>): numeric parts compare as numbers, other parts ordinally, a leading
/// <c>v</c> is ignored, build metadata after <c>+</c> is ignored.
/// </summary>
public sealed class AgentDocVersionComparer : IComparer<string>
{
    /// <summary>The comparer (oldest first).</summary>
    public static AgentDocVersionComparer Instance { get; } = new();

    private AgentDocVersionComparer()
    {
    }

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return ReferenceEquals(x, y) ? 0 : x is null ? -1 : 1;
        }

        // SkillRt.Format holds the rule, so the build's check of declared operations picks the same version as the runtime.
        return AgentDocVersions.Compare(x, y);
    }
}
