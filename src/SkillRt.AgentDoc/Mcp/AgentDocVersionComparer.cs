using System;
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
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
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

        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            text = text.Substring(0, plus);
        }

        // The first '-' after a digit-led release part starts a pre-release; a date (2024-06-01) has only digits after it.
        var dash = text.IndexOf('-', StringComparison.Ordinal);
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

            var xNumeric = long.TryParse(xParts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var xNumber);
            var yNumeric = long.TryParse(yParts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var yNumber);
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
}
