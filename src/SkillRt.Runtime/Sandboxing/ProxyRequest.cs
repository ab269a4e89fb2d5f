using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SkillRt.Sandboxing;

/// <summary>
/// The head of one request to <see cref="AllowlistProxy"/>: a <c>CONNECT host:port</c> tunnel or an
/// absolute-form <c>http://</c> request, with the host and port it wants to reach.
/// </summary>
internal sealed class ProxyRequest
{
    // Hop-by-hop headers meant for the proxy, not for the origin server.
    private static readonly HashSet<string> ProxyOnlyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Proxy-Connection", "Proxy-Authorization", "Connection", "Keep-Alive",
    };

    private string _method = string.Empty;
    private string _target = string.Empty;
    private string _version = string.Empty;
    private readonly List<string> _headers = [];

    private ProxyRequest()
    {
    }

    /// <summary>Why the request cannot be served, as one line; <see langword="null"/> when it is well formed.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the client asks for a tunnel rather than a forwarded request.</summary>
    public bool IsConnect { get; private set; }

    /// <summary>The host to reach: a name or an IP literal, IPv6 without brackets.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary>The port to reach.</summary>
    public int Port { get; private set; }

    /// <summary><c>host:port</c>, IPv6 in brackets, for messages.</summary>
    public string Authority => (Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a request head (the request line and headers, up to the blank line).</summary>
    public static ProxyRequest Parse(string head)
    {
        var request = new ProxyRequest();
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return request.Fail("The request line is not 'METHOD target HTTP/1.1'.");
        }

        (request._method, request._target, request._version) = (parts[0], parts[1], parts[2]);
        foreach (var line in lines.AsSpan(1))
        {
            if (line.Length > 0)
            {
                request._headers.Add(line);
            }
        }

        if (request._method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            request.IsConnect = true;
            return TrySplitAuthority(request._target, out var host, out var port)
                ? request.Target(host, port)
                : request.Fail("CONNECT needs host:port.");
        }

        if (!request._target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(request._target, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IdnHost.Length == 0)
        {
            return request.Fail("This proxy forwards absolute http:// URLs and tunnels CONNECT host:port; nothing else.");
        }

        request._target = uri.PathAndQuery;
        return request.Target(uri.HostNameType == UriHostNameType.IPv6 ? uri.IdnHost.Trim('[', ']') : uri.IdnHost, uri.Port);
    }

    /// <summary>The head to send the origin server: origin-form target, proxy headers removed, the connection closed after one response.</summary>
    public string ForwardedHead()
    {
        var head = new StringBuilder();
        head.Append(_method).Append(' ').Append(_target).Append(' ').Append(_version).Append("\r\n");
        var hasHost = false;
        foreach (var header in _headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? header : header[..colon].Trim();
            if (ProxyOnlyHeaders.Contains(name))
            {
                continue;
            }

            hasHost |= name.Equals("Host", StringComparison.OrdinalIgnoreCase);
            head.Append(header).Append("\r\n");
        }

        if (!hasHost)
        {
            head.Append("Host: ").Append(Port == 80 ? Authority[..^3] : Authority).Append("\r\n");
        }

        return head.Append("Connection: close\r\n\r\n").ToString();
    }

    private static bool TrySplitAuthority(string authority, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        int colon;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= authority.Length || authority[close + 1] != ':')
            {
                return false;
            }

            host = authority[1..close];
            colon = close + 1;
        }
        else
        {
            colon = authority.LastIndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            host = authority[..colon];
        }

        return host.Length > 0
            && int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is > 0 and <= 65535;
    }

    private ProxyRequest Target(string host, int port)
    {
        Host = host;
        Port = port;
        return this;
    }

    private ProxyRequest Fail(string error)
    {
        Error = error;
        return this;
    }
}
