using System;
using System.Linq;

namespace SkillRt.Cli.Sources;

/// <summary>
/// A SkillRt registry the user configured: a name to refer to it by, and the URL of its NuGet V3
/// service index (<c>https://skills.example.com/v3/index.json</c>), the one address NuGet clients need too.
/// </summary>
/// <param name="Name">The source's name (letters, digits, '.', '_' and '-').</param>
/// <param name="Url">The absolute URL of the service index.</param>
internal sealed record RegistrySource(string Name, string Url)
{
    /// <summary>The path the SkillRt server serves its service index at, below the registry's base.</summary>
    public const string ServiceIndexPath = "v3/index.json";

    /// <summary>
    /// Where the server's own API (<c>api/v1/…</c>) lives: the service index URL without
    /// <c>v3/index.json</c>, which is the server's root when the registry is mapped at <c>/</c>, as the
    /// SkillRt server program maps it.
    /// </summary>
    public Uri ApiRoot
    {
        get
        {
            var url = Url.EndsWith("/" + ServiceIndexPath, StringComparison.OrdinalIgnoreCase) ? Url[..^ServiceIndexPath.Length] : new Uri(new Uri(Url), "/").ToString();
            return new Uri(url);
        }
    }

    /// <summary>How messages name the source: <c>'local' (http://127.0.0.1:5480/v3/index.json)</c>.</summary>
    public override string ToString() => $"'{Name}' ({Url})";

    /// <summary>
    /// The service index URL for what a user typed: a server's address (<c>http://127.0.0.1:5480</c>)
    /// gets <c>v3/index.json</c> appended; an address ending in <c>.json</c> is taken as the index itself.
    /// </summary>
    /// <returns>The URL, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static string? NormalizeUrl(string text, out string? problem)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"'{text}' is not an http:// or https:// URL; pass the server's address, such as http://127.0.0.1:5480 or https://skills.example.com/v3/index.json";
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = $"'{text}' has a query, fragment or user name; pass the server's plain address (keys are stored separately by 'skillrt login')";
            return null;
        }

        problem = null;
        var url = uri.GetLeftPart(UriPartial.Path);
        if (uri.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        return url.TrimEnd('/') + "/" + ServiceIndexPath;
    }

    /// <summary>Why <paramref name="name"/> cannot name a source, or null when it can.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length is 0 or > 100)
        {
            return "a source name has 1–100 characters";
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return $"'{name}' may only hold letters, digits, '.', '_' and '-'";
        }

        return null;
    }

    /// <summary>A name for a source added without one: its host, with the port when it is not the scheme's default (<c>127.0.0.1-5480</c>).</summary>
    public static string SuggestName(string url)
    {
        var uri = new Uri(url);
        var name = uri.IsDefaultPort ? uri.Host : $"{uri.Host}-{uri.Port}";
        name = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]);
        return name.Length > 100 ? name[..100] : name;
    }
}
