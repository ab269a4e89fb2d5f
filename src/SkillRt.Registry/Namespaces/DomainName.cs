using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// The domains a prefix can be verified with: a registered name (<c>contoso.com</c>, or
/// <c>contoso.co.uk</c> under a two-letter country code), never a subdomain, because hosting and dynamic
/// DNS services hand out subdomains (<c>microsoft.example-dns.org</c>) whose holders can publish TXT
/// records. The prefix's first part must be the name (<c>Contoso.</c> for <c>contoso.com</c>).
/// </summary>
internal static class DomainName
{
    public const int MaxLength = 253;

    // Second-level labels under which country codes register names (contoso.co.uk, contoso.com.au).
    private static readonly HashSet<string> CountrySecondLevels = new(StringComparer.Ordinal) { "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "ltd", "plc" };

    /// <summary>The lowercase domain without a trailing dot, or null and what is wrong.</summary>
    public static (string? Domain, string? Problem) Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return (null, "The domain is missing; send the domain you hold, such as 'contoso.com'.");
        }

        var name = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.Length > MaxLength)
        {
            return (null, $"The domain is {name.Length} characters; a domain name is at most {MaxLength}.");
        }

        var labels = name.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !IsLetterDigitHyphen(label))
            {
                return (null, $"'{NamespacePrefix.Shorten(domain)}' is not a domain name: each part between dots is 1 to 63 letters, digits or inner hyphens (write an international name in its xn-- form).");
            }
        }

        var registered = labels.Length == 2
            || (labels.Length == 3 && labels[2].Length == 2 && CountrySecondLevels.Contains(labels[1]));
        if (!registered)
        {
            return (null, $"'{NamespacePrefix.Shorten(name)}' is not a registered name: verify the domain itself (such as 'contoso.com' or 'contoso.co.uk'), not a subdomain, because subdomains are often handed out by hosting services.");
        }

        return (name, null);
    }

    /// <summary>Null when the prefix may be claimed with the domain, else why not.</summary>
    public static string? MatchesPrefix(string domain, string prefix)
    {
        var name = domain[..domain.IndexOf('.', StringComparison.Ordinal)];
        var first = NamespacePrefix.FirstSegment(prefix);
        return string.Equals(name, first, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The prefix '{NamespacePrefix.Shorten(prefix)}' does not start with the domain's name '{name}'; the domain '{domain}' can verify prefixes such as '{char.ToUpperInvariant(name[0])}{name[1..]}.' only. Ask the registry's administrators to reserve other prefixes.";
    }

    /// <summary>Where the TXT record goes: <c>_skillrt.contoso.com</c>.</summary>
    public static string RecordName(string domain) => "_skillrt." + domain;

    /// <summary>The TXT record's value for a token.</summary>
    public static string RecordValue(string token) => "skillrt-verification=" + token;

    private static bool IsLetterDigitHyphen(string label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
