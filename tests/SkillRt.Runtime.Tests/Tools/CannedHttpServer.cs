using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 (a free port) that answers each path with a canned response
/// and records every request line it receives, so tests can prove a denied hop was never sent.
/// One request per connection.
/// </summary>
internal sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, byte[]> _responses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public CannedHttpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string Origin => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The request lines received (<c>GET /a HTTP/1.1</c>), in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public CannedHttpServer Respond(string path, int status, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Canned\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        _responses[path] = [.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. body];
        return this;
    }

    public CannedHttpServer Respond(string path, int status, string contentType, string body, params (string Name, string Value)[] headers) =>
        Respond(path, status, contentType, Encoding.UTF8.GetBytes(body), headers);

    public CannedHttpServer Redirect(string path, string location, int status = 302) =>
        Respond(path, status, "text/plain", "moved", ("Location", location));

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var lines = head.Split("\r\n");
                _requests.Enqueue(lines[0]);
                var contentLength = 0;
                foreach (var line in lines)
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        contentLength = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                    }
                }

                var body = new byte[contentLength];
                await stream.ReadExactlyAsync(body, _stopping.Token);
                var parts = lines[0].Split(' ');
                var response = _responses.TryGetValue(parts.Length > 1 ? parts[1] : "/", out var canned)
                    ? canned
                    : Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(response, _stopping.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
                // The client went away (a truncated read closes early); nothing to answer.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, _stopping.Token) == 0)
            {
                break;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                return Encoding.ASCII.GetString([.. head], 0, head.Count - 4);
            }
        }

        return Encoding.ASCII.GetString([.. head]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
