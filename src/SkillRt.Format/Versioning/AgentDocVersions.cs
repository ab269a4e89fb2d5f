using System;
using System.Collections.Generic;
using System.Globalization;

namespace SkillRt;

/// <summary>
/// How agent-doc versions (an API's own: <c>1.5</c>, <c>v2</c>, <c>2024-06-01</c>) are ordered and matched
/// against a <c>dependencies.agent-docs</c> range (SKILL-SPEC section 7.5). One implementation for the
/// runtime's resolution (SkillRt.AgentDoc) and the build's check of declared operations (the generator),
/// so both pick the same version.
/// </summary>
internal static class AgentDocVersions
{
    /// <summary>
    /// The highest of <paramref name="versions"/> that <paramref name="range"/> accepts, or null. A version
    /// that is not SemVer even when read leniently (<see cref="ParseLenient"/>) satisfies only <c>*</c>.
    /// </summary>
    public static string? HighestAccepted(IEnumerable<string> versions, SkillVersionRange range)
    {
        string? best = null;
        foreach (var version in versions)
        {
            if (Accepts(range, version) && (best is null || Compare(version, best) > 0))
            {
                best = version;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether <paramref name="range"/> accepts <paramref name="version"/>, read leniently; a version that is
    /// still not SemVer (a date) is accepted only by <c>*</c> (no range written, or <c>name@*</c>).
    /// </summary>
    public static bool Accepts(SkillVersionRange range, string version) =>
        ParseLenient(version) is { } parsed ? range.Satisfies(parsed) : range.Minimum is null && range.Maximum is null;

    /// <summary>The version as SemVer, or null when even the lenient reading fails: a leading <c>v</c> is dropped and missing numbers are zero.</summary>
    public static SemanticVersion? ParseLenient(string version)
    {
        var text = version.Trim();
        if (text.Length > 1 && text[0] is 'v' or 'V' && IsAsciiDigit(text[1]))
        {
            text = text.Substring(1);
        }

        if (SemanticVersion.TryParse(text, out var parsed))
        {
            return parsed;
        }

        // "1.5" and "2": pad to three numbers. Only a bare release part, so a date (2024-06-01) stays a non-SemVer version.
        var parts = text.Split('.');
        if (parts.Length is 1 or 2 && Array.TrueForAll(parts, IsDigits))
        {
            var padded = text + (parts.Length == 1 ? ".0.0" : ".0");
            if (SemanticVersion.TryParse(padded, out parsed))
            {
                return parsed;
            }
        }

        return null;
    }

    /// <summary>
    /// Orders versions the way SemVer does where they are SemVer (<c>1.10.0</c> after <c>1.9.2</c>, a
    /// pre-release before its release), and sensibly where they are not (dates, <c>v2</c>): numeric parts
    /// compare as numbers, other parts ordinally, a leading <c>v</c> and build metadata are ignored.
    /// </summary>
    public static int Compare(string x, string y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var (xRelease, xPre) = Split(x);
        var (yRelease, yPre) = Split(y);
        var result = CompareParts(xRelease, yRelease);
        if (result != 0)
        {
            return result;
        }

        // SemVer: a pre-release sorts before the release it leads to.
        if (xPre.Length == 0 || yPre.Length == 0)
        {
            return xPre.Length == yPre.Length ? string.CompareOrdinal(x, y) : xPre.Length == 0 ? 1 : -1;
        }

        result = CompareParts(xPre, yPre);
        return result != 0 ? result : string.CompareOrdinal(x, y);
    }

    private static (string Release, string PreRelease) Split(string version)
    {
        var text = version.Trim();
        if (text.Length > 1 && (text[0] == 'v' || text[0] == 'V') && char.IsDigit(text[1]))
        {
            text = text.Substring(1);
        }

        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            text = text.Substring(0, plus);
        }

        // The first '-' after a digit-led release part starts a pre-release; a date (2024-06-01) has only digits after it.
        var dash = text.IndexOf('-');
        if (dash > 0 && dash + 1 < text.Length && !IsDigitsAndSeparators(text.Substring(dash + 1)))
        {
            return (text.Substring(0, dash), text.Substring(dash + 1));
        }

        return (text, string.Empty);
    }

    private static bool IsDigitsAndSeparators(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsDigit(c) && c != '-' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareParts(string x, string y)
    {
        var xParts = x.Split('.', '-');
        var yParts = y.Split('.', '-');
        for (var i = 0; i < Math.Max(xParts.Length, yParts.Length); i++)
        {
            if (i >= xParts.Length || i >= yParts.Length)
            {
                return i >= xParts.Length ? -1 : 1;
            }

            var xNumeric = long.TryParse(xParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xNumber);
            var yNumeric = long.TryParse(yParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yNumber);
            var result = xNumeric && yNumeric ? xNumber.CompareTo(yNumber)
                : xNumeric != yNumeric ? (xNumeric ? -1 : 1) // SemVer: numeric identifiers sort before alphanumeric ones.
                : string.CompareOrdinal(xParts[i], yParts[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    private static bool IsDigits(string part)
    {
        if (part.Length == 0)
        {
            return false;
        }

        foreach (var c in part)
        {
            if (!IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
}
