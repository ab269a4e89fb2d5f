using System;
using System.Text;

namespace SkillRt.Schemas;

/// <summary>
/// URI-reference resolution (RFC 3986, section 5.2) for <c>$id</c> and <c>$ref</c>, done by hand
/// because <see cref="Uri"/> normalises what JSON Schema compares verbatim (host case, <c>file:</c>
/// paths, <c>urn:</c> URIs it cannot combine with a fragment). Nothing is ever fetched.
/// </summary>
internal static class SchemaUri
{
    /// <summary>The base URI of a root schema without an absolute <c>$id</c>; never fetched, only compared.</summary>
    public const string DefaultBase = "urn:skillrt:schema";

    /// <summary>Resolves <paramref name="reference"/> against the absolute URI <paramref name="baseUri"/>.</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var r = Split(reference);
        if (r.Scheme is not null)
        {
            return Join(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        var b = Split(baseUri);
        if (r.Authority is not null)
        {
            return Join(b.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        if (r.Path.Length == 0)
        {
            return Join(b.Scheme, b.Authority, b.Path, r.Query ?? b.Query, r.Fragment);
        }

        var path = r.Path[0] == '/' ? r.Path : Merge(b, r.Path);
        return Join(b.Scheme, b.Authority, RemoveDotSegments(path), r.Query, r.Fragment);
    }

    /// <summary>Splits off the fragment: <c>a.json#/x</c> becomes (<c>a.json</c>, <c>/x</c>); the fragment is null without a '#'.</summary>
    public static (string Resource, string? Fragment) SplitFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, null) : (uri[..hash], Uri.UnescapeDataString(uri[(hash + 1)..]));
    }

    private static string Merge((string? Scheme, string? Authority, string Path, string? Query, string? Fragment) b, string path)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + path;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? path : b.Path[..(slash + 1)] + path;
    }

    private static (string? Scheme, string? Authority, string Path, string? Query, string? Fragment) Split(string uri)
    {
        string? fragment = null, query = null, scheme = null, authority = null;
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = uri[(hash + 1)..];
            uri = uri[..hash];
        }

        var question = uri.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = uri[(question + 1)..];
            uri = uri[..question];
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && IsScheme(uri.AsSpan(0, colon)))
        {
            scheme = uri[..colon];
            uri = uri[(colon + 1)..];
        }

        if (uri.StartsWith("//", StringComparison.Ordinal))
        {
            var end = uri.IndexOf('/', 2);
            authority = end < 0 ? uri[2..] : uri[2..end];
            uri = end < 0 ? string.Empty : uri[end..];
        }

        return (scheme, authority, uri, query, fragment);
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var builder = new StringBuilder();
        if (scheme is not null)
        {
            builder.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            builder.Append("//").Append(authority);
        }

        builder.Append(path);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            builder.Append('#').Append(fragment);
        }

        return builder.ToString();
    }

    private static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return path;
        }

        var input = path;
        var output = new StringBuilder();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                var last = output.ToString().LastIndexOf('/');
                output.Length = last < 0 ? 0 : last;
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = next < 0 ? string.Empty : input[next..];
            }
        }

        return output.ToString();
    }
}
