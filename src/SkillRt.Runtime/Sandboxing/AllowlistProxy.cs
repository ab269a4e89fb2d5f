using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SkillRt.Sandboxing;

/// <summary>
/// The only way out of a sandbox whose skill lists hosts in <c>permissions.network</c>: an HTTP/1.1
/// proxy on a Unix domain socket that the sandbox's loopback bridge forwards to. It tunnels
/// <c>CONNECT host:port</c> and forwards absolute-form <c>http://</c> requests, each only when the
/// skill may reach that host and port, and answers everything else with 403 and a one-line reason.
/// </summary>
/// <remarks>
/// Host names are resolved here, outside the sandbox, so the check is on the name the skill asked
/// for. A forwarded request is sent with <c>Connection: close</c>, so one connection cannot be
/// reused for a second host.
/// </remarks>
internal sealed class AllowlistProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly Func<string, int, bool> _allows;
    private readonly string _skillName;
    private readonly ILogger _logger;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Task? _acceptLoop;
    private int _deniedCount;

    /// <summary>Creates the proxy; it listens once <see cref="Start"/> is called.</summary>
    /// <param name="socketPath">Where the Unix domain socket is created.</param>
    /// <param name="allows">Whether a host (a name or an IP literal, IPv6 without brackets) and port may be reached.</param>
    /// <param name="skillName">The skill, for messages and logs.</param>
    /// <param name="logger">Receives refused connections.</param>
    public AllowlistProxy(string socketPath, Func<string, int, bool> allows, string skillName, ILogger logger)
    {
        SocketPath = socketPath;
        _allows = allows;
        _skillName = skillName;
        _logger = logger;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    }

    /// <summary>Raised for every refused connection, with the host and port asked for.</summary>
    public event Action<string, int>? Denied;

    /// <summary>The Unix domain socket the proxy listens on.</summary>
    public string SocketPath { get; }

    /// <summary>How many connections were refused because the host or port is not allowed.</summary>
    public int DeniedCount => Volatile.Read(ref _deniedCount);

    /// <summary>Creates the socket and starts accepting connections.</summary>
    public void Start()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(64);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Stops listening, closes every open connection and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        _stopping.Dispose();
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // The folder holding it is deleted with the sandbox's temporary files anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = ServeAsync(client);
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(static (task, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(task, out _), _connections, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        // Off the accept loop at once, so a slow client cannot hold up the next one.
        await Task.Yield();
        using var clientSocket = client;
        using var clientStream = new NetworkStream(client, ownsSocket: false);
        try
        {
            using var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            headTimeout.CancelAfter(HeadTimeout);
            var (head, extra) = await ReadHeadAsync(clientStream, headTimeout.Token).ConfigureAwait(false);
            if (head is null)
            {
                await RespondAsync(clientStream, 400, "Bad Request", "The request head is incomplete or larger than 64 KB.").ConfigureAwait(false);
                return;
            }

            var request = ProxyRequest.Parse(head);
            if (request.Error is { } error)
            {
                await RespondAsync(clientStream, 400, "Bad Request", error).ConfigureAwait(false);
                return;
            }

            // The name checked must be the name connected to: a host with a NUL, white space or any
            // other character a resolver would cut or read differently is refused before the check.
            if (!IsPlainHost(request.Host) || !_allows(request.Host, request.Port))
            {
                Interlocked.Increment(ref _deniedCount);
                SandboxLog.NetworkDenied(_logger, _skillName, request.Host, request.Port);
                SkillRt.Telemetry.SkillTelemetry.RecordSandboxDenial(_skillName, "network");
                Denied?.Invoke(request.Host, request.Port);
                await RespondAsync(clientStream, 403, "Forbidden", $"Skill '{_skillName}' may not connect to {request.Authority}: permissions.network does not list it.").ConfigureAwait(false);
                return;
            }

            using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(new DnsEndPoint(request.Host, request.Port), headTimeout.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                await RespondAsync(clientStream, 502, "Bad Gateway", $"Could not connect to {request.Authority}: {e.SocketErrorCode}.").ConfigureAwait(false);
                return;
            }

            using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
            if (request.IsConnect)
            {
                await clientStream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stopping.Token).ConfigureAwait(false);
            }
            else
            {
                await upstreamStream.WriteAsync(Encoding.Latin1.GetBytes(request.ForwardedHead()), _stopping.Token).ConfigureAwait(false);
            }

            if (extra.Length > 0)
            {
                await upstreamStream.WriteAsync(extra, _stopping.Token).ConfigureAwait(false);
            }

            await Task.WhenAll(
                PumpAsync(clientStream, upstreamStream, upstream),
                PumpAsync(upstreamStream, clientStream, client)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                SandboxLog.ProxyConnectionFailed(_logger, _skillName, e);
            }
        }
    }

    /// <summary>Copies one direction to its end, then half-closes the other side so the peer sees the end too.</summary>
    private async Task PumpAsync(Stream from, Stream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _stopping.Token).ConfigureAwait(false);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away; the other direction ends on its own when its socket is closed.
            try
            {
                toSocket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception shutdown) when (shutdown is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Reads up to the blank line ending the request head; returns it and any bytes read past it.</summary>
    private static async Task<(string? Head, byte[] Extra)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            var length = 0;
            while (length < MaxHeadBytes)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length, MaxHeadBytes - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (null, []);
                }

                // Search from a little before the new bytes: the terminator can straddle two reads.
                var from = Math.Max(0, length - (HeadEnd.Length - 1));
                length += read;
                var end = buffer.AsSpan(from, length - from).IndexOf(HeadEnd);
                if (end >= 0)
                {
                    var headLength = from + end + HeadEnd.Length;
                    return (Encoding.Latin1.GetString(buffer, 0, headLength), buffer.AsSpan(headLength, length - headLength).ToArray());
                }
            }

            return (null, []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task RespondAsync(Stream stream, int status, string reason, string message)
    {
        var body = Encoding.UTF8.GetBytes(message + "\n");
        var head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
            await stream.WriteAsync(body).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The client hung up first; there is nobody to tell.
        }
    }

    /// <summary>Whether <paramref name="host"/> is a DNS name of letters, digits, '-' and '.', or an IP literal, and nothing else.</summary>
    internal static bool IsPlainHost(string host) =>
        host.Length is > 0 and <= 253 && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && !host.AsSpan().ContainsAnyExcept(PlainHostCharacters);

    private static readonly System.Buffers.SearchValues<char> PlainHostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:");
}
