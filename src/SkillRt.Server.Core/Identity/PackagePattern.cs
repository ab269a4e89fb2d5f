using System;

namespace SkillRt.Server.Identity;

/// <summary>
/// The package ID patterns keys are limited to: <c>*</c> (any), an exact ID (<c>Contoso.Review</c>), or
/// a prefix ending in <c>*</c> (<c>Contoso.*</c>). Compared regardless of case, as NuGet compares IDs.
/// </summary>
public static class PackagePattern
{
    /// <summary>Whether <paramref name="packageId"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string packageId)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(packageId);
        return pattern.EndsWith('*')
            ? packageId.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, packageId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Null when <paramref name="pattern"/> is valid, else why it is not.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > 128)
        {
            return "a package pattern is 1–128 characters";
        }

        var body = pattern.EndsWith('*') ? pattern[..^1] : pattern;
        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return $"'{pattern}' has '{c}'; a pattern is a package ID, optionally ending in '*' (for example 'Contoso.*')";
            }
        }

        return null;
    }
}
