using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// The rules of a reservable prefix: package ID characters (letters, digits, '.', '_', '-'), ending in
/// '.', so that <c>Contoso.</c> covers <c>Contoso.Tools</c> and the bare <c>Contoso</c> but never <c>ContosoFake</c>.
/// </summary>
internal static class NamespacePrefix
{
    /// <summary>The longest prefix, as long as the longest package ID.</summary>
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="prefix"/> is a valid prefix, else what is wrong with it and what to do.</summary>
    public static string? Validate(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return "The prefix is missing; send one such as 'Contoso.' (a package ID's first part and a dot).";
        }

        if (prefix.Length is < 2 or > MaxLength)
        {
            return $"The prefix '{Shorten(prefix)}' is {prefix.Length} characters; a prefix is 2 to {MaxLength}.";
        }

        if (!prefix.EndsWith('.'))
        {
            return $"The prefix '{Shorten(prefix)}' does not end in '.'; reserve '{Shorten(prefix)}.' to cover '{Shorten(prefix)}.*' (a prefix without the dot would also capture unrelated IDs such as '{Shorten(prefix)}Other').";
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var c = prefix[i];
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            if (!allowed || (i == 0 && !char.IsAsciiLetterOrDigit(c)) || (c == '.' && i > 0 && prefix[i - 1] == '.'))
            {
                return $"The prefix '{Shorten(prefix)}' has '{c}' at position {i + 1}; a prefix starts with a letter or digit and has letters, digits, '_', '-' and single dots only, as package IDs do.";
            }
        }

        return null;
    }

    /// <summary>The lowercase form prefixes are compared and stored by.</summary>
    public static string Normalize(string prefix) => prefix.ToLowerInvariant();

    /// <summary>
    /// Every normalized prefix that could cover <paramref name="packageId"/>: each part up to a dot, and the
    /// whole ID with a dot (a reservation of <c>Contoso.</c> covers the ID <c>Contoso</c> too). Longest last.
    /// </summary>
    public static IReadOnlyList<string> CandidatesFor(string packageId)
    {
        var id = packageId.ToLowerInvariant();
        var candidates = new List<string>();
        for (var i = 0; i < id.Length; i++)
        {
            if (id[i] == '.')
            {
                candidates.Add(id[..(i + 1)]);
            }
        }

        candidates.Add(id + ".");
        return candidates;
    }

    /// <summary>Whether the normalized prefix covers the package ID (compared regardless of case).</summary>
    public static bool Covers(string normalizedPrefix, string packageId) =>
        packageId.StartsWith(normalizedPrefix, StringComparison.OrdinalIgnoreCase)
        || (packageId.Length == normalizedPrefix.Length - 1 && normalizedPrefix.StartsWith(packageId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The part before the first dot: <c>Contoso</c> for <c>Contoso.Tools.</c>.</summary>
    public static string FirstSegment(string prefix) => prefix[..prefix.IndexOf('.', StringComparison.Ordinal)];

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
