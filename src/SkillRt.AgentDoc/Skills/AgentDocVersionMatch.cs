using System;
using System.Collections.Generic;
using System.Linq;

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
            var parsed = Parse(version.Version);
            if (parsed is null ? ReferenceEquals(range, SkillVersionRange.Any) : range.Satisfies(parsed))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>The version as SemVer, or null when even the lenient reading fails.</summary>
    public static SemanticVersion? Parse(string version)
    {
        var text = version.Trim();
        if (text.Length > 1 && text[0] is 'v' or 'V' && char.IsDigit(text[1]))
        {
            text = text.Substring(1);
        }

        if (SemanticVersion.TryParse(text, out var parsed))
        {
            return parsed;
        }

        // "1.5" and "2": pad to three numbers. Only a bare release part, so a date (2024-06-01) stays a non-SemVer version.
        var parts = text.Split('.');
        if (parts.Length is 1 or 2 && Array.TrueForAll(parts, p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            var padded = text + (parts.Length == 1 ? ".0.0" : ".0");
            if (SemanticVersion.TryParse(padded, out parsed))
            {
                return parsed;
            }
        }

        return null;
    }
}
