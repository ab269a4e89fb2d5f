using System;

namespace SkillRt.Server.Identity;

/// <summary>
/// What account and organisation names may be: 1–39 characters of ASCII letters, digits and single
/// hyphens, not starting or ending with a hyphen (GitHub's rule, so names carry over). Unique regardless of case.
/// </summary>
public static class IdentityNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 39;

    /// <summary>Null when <paramref name="name"/> is a valid name, else why it is not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name is required";
        }

        if (name.Length > MaxLength)
        {
            return $"'{Shorten(name)}' is longer than {MaxLength} characters";
        }

        if (name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
        {
            return $"'{name}' starts or ends with a hyphen or has two in a row";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return $"'{Shorten(name)}' has '{c}'; use ASCII letters, digits and hyphens";
            }
        }

        return null;
    }

    /// <summary>The form names are compared in.</summary>
    public static string Normalize(string name) => name.ToLowerInvariant();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
