using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SkillRt.Permissions;

/// <summary>A skill's <c>permissions.network</c> entries as a check on host and port.</summary>
/// <remarks>
/// Entries follow spec section 8.1: <c>*</c>, a host name (any letter case), <c>*.example.com</c>
/// (subdomains at any depth, not the apex), an IPv4 address or a bracketed IPv6 address, each
/// optionally with <c>:port</c>. IP literals are compared as addresses, so <c>[::1]</c> allows
/// <c>0:0::1</c>, and an IPv4 address allows its IPv4-mapped IPv6 form. Names are never resolved:
/// a name entry allows that name, not the addresses it resolves to. The parser has validated the
/// entries; anything that still does not parse is ignored, so it allows nothing.
/// </remarks>
internal sealed class NetworkPolicy
{
    private readonly List<Entry> _entries = [];

    /// <summary>Reads <paramref name="entries"/>, ignoring those that do not parse.</summary>
    public NetworkPolicy(IReadOnlyList<string> entries)
    {
        foreach (var text in entries)
        {
            if (text is null)
            {
                continue;
            }

            var entry = text.Trim();
            if (entry == "*")
            {
                AllowsAnyHost = true;
            }
            else if (TryParse(entry, out var parsed))
            {
                _entries.Add(parsed);
            }
        }
    }

    /// <summary>Whether <c>*</c> is listed: any host.</summary>
    public bool AllowsAnyHost { get; }

    /// <summary>Whether nothing is listed (or nothing usable): no host.</summary>
    public bool IsEmpty => !AllowsAnyHost && _entries.Count == 0;

    /// <summary>The usable entries as written, for messages to the model.</summary>
    public IEnumerable<string> Describe()
    {
        if (AllowsAnyHost)
        {
            yield return "*";
        }

        foreach (var entry in _entries)
        {
            yield return entry.Text;
        }
    }

    /// <summary>Whether the skill may connect to <paramref name="host"/> (a name or an IP literal, IPv6 without brackets) on <paramref name="port"/>.</summary>
    public bool Allows(string host, int port)
    {
        if (AllowsAnyHost)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        host = host.Trim();
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }

        var address = ParseAddress(host);
        // A fully qualified name may end in a dot; it is the same host.
        var name = address is null ? host.TrimEnd('.').ToLowerInvariant() : null;
        foreach (var entry in _entries)
        {
            if (entry.Port is { } allowedPort && allowedPort != port)
            {
                continue;
            }

            if (entry.Address is { } allowed)
            {
                if (address is not null && allowed.Equals(address))
                {
                    return true;
                }
            }
            else if (name is not null && name.Length > 0)
            {
                if (entry.Subdomains
                    ? name.Length > entry.Name!.Length + 1 && name.EndsWith("." + entry.Name, StringComparison.Ordinal)
                    : name == entry.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TryParse(string text, out Entry entry)
    {
        entry = default;
        var hostPart = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            var after = text[(close + 1)..];
            if (after.Length > 0 && !TryParsePort(after, out port))
            {
                return false;
            }

            if (!IPAddress.TryParse(text[1..close], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            entry = new Entry(text, null, false, Canonical(v6), port);
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (text.IndexOf(':', colon + 1) >= 0)
            {
                // Not the spec's syntax, but an unbracketed IPv6 address has one meaning only.
                if (!IPAddress.TryParse(text, out var bare) || bare.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    return false;
                }

                entry = new Entry(text, null, false, Canonical(bare), null);
                return true;
            }

            if (!TryParsePort(text[colon..], out port))
            {
                return false;
            }

            hostPart = text[..colon];
        }

        if (IsDottedQuad(hostPart) && IPAddress.TryParse(hostPart, out var v4))
        {
            entry = new Entry(text, null, false, v4, port);
            return true;
        }

        var subdomains = hostPart.StartsWith("*.", StringComparison.Ordinal);
        var name = (subdomains ? hostPart[2..] : hostPart).TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        entry = new Entry(text, name, subdomains, null, port);
        return true;
    }

    private static bool TryParsePort(string text, out int? port)
    {
        port = null;
        if (text.Length < 2 || text[0] != ':' ||
            !int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            number is < 1 or > 65535)
        {
            return false;
        }

        port = number;
        return true;
    }

    // IPAddress.TryParse also takes `127.1` and `2130706433`; a host written like that is a name
    // to the spec, and treating it as an address would widen what an entry allows.
    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static IPAddress? ParseAddress(string host)
    {
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? Canonical(v6) : null;
        }

        return IsDottedQuad(host) && IPAddress.TryParse(host, out var v4) ? v4 : null;
    }

    /// <summary>Without a scope id, and IPv4-mapped addresses as IPv4, so equal addresses compare equal.</summary>
    private static IPAddress Canonical(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());

    /// <summary>One entry: a name (possibly for its subdomains) or an address, and a port or any.</summary>
    private readonly record struct Entry(string Text, string? Name, bool Subdomains, IPAddress? Address, int? Port);
}
