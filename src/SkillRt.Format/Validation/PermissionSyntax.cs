using System.Globalization;

namespace SkillRt;

/// <summary>Syntax rules for permission entries, each returning why an entry is invalid, or <see langword="null"/>.</summary>
internal static class PermissionSyntax
{
    /// <summary>
    /// A network entry: <c>*</c>, a host name, <c>*.</c> followed by a host name, an IPv4 address or a
    /// bracketed IPv6 address, each optionally followed by <c>:port</c>.
    /// </summary>
    public static string? CheckHost(string entry)
    {
        if (entry == "*")
        {
            return null;
        }

        if (entry.Length == 0)
        {
            return "it is empty";
        }

        if (entry.Contains("://"))
        {
            return "write the host only, without a scheme";
        }

        if (entry.IndexOf('/') >= 0)
        {
            return "write the host only, without a path";
        }

        var host = entry;
        if (entry[0] == '[')
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                return "an IPv6 address needs a closing ']'";
            }

            var rest = entry.Substring(close + 1);
            if (rest.Length > 0 && (rest[0] != ':' || !IsPort(rest.Substring(1))))
            {
                return "the port must be a number from 1 to 65535";
            }

            return System.Net.IPAddress.TryParse(entry.Substring(1, close - 1), out var address) &&
                address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? null
                : "the text in brackets is not an IPv6 address";
        }

        var colon = entry.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!IsPort(entry.Substring(colon + 1)))
            {
                return "the port must be a number from 1 to 65535";
            }

            host = entry.Substring(0, colon);
        }

        if (host.StartsWith("*.", System.StringComparison.Ordinal))
        {
            host = host.Substring(2);
        }

        return IsHostName(host) ? null : "it is not a valid host name (letters, digits, '-' and '.', with '*.' allowed only at the start)";
    }

    /// <summary>A glob: non-empty, balanced <c>[…]</c> and <c>{…}</c>, no negation.</summary>
    public static string? CheckGlob(string glob)
    {
        if (glob.Trim().Length == 0)
        {
            return "it is empty";
        }

        if (glob[0] == '!')
        {
            return "negated patterns ('!…') are not supported; list only what is allowed";
        }

        var braces = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            switch (glob[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    // A ']' right after '[' (or '[!') is a literal member of the class, as in POSIX globs.
                    var first = i + 1 < glob.Length && glob[i + 1] == '!' ? i + 3 : i + 2;
                    var close = first < glob.Length ? glob.IndexOf(']', first) : -1;
                    if (close < 0)
                    {
                        return "'[' at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " has no closing ']'";
                    }

                    i = close;
                    break;
                case ']':
                    return "']' at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " has no opening '['";
                case '{':
                    braces++;
                    break;
                case '}':
                    if (--braces < 0)
                    {
                        return "'}' at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " has no opening '{'";
                    }

                    break;
            }
        }

        return braces > 0 ? "a '{' has no closing '}'" : null;
    }

    private static bool IsPort(string text) =>
        text.Length is > 0 and <= 5 &&
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;

    // RFC 1123 host names; an IPv4 address is a host name of digit labels, so it passes too.
    private static bool IsHostName(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[label.Length - 1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
