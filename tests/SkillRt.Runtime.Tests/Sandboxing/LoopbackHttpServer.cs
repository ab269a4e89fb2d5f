using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>A listener on 127.0.0.1 that answers every connection with a tiny HTTP response, counting them.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _connections;

    public LoopbackHttpServer(string body = "hello from the host")
    {
        Body = body;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public string Body { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The request head of the last request served.</summary>
    public string? LastRequest { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            LastRequest = head.ToString();
            var body = Encoding.UTF8.GetBytes(Body);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), _stopping.Token);
            await stream.WriteAsync(body, _stopping.Token);
        }
        catch (Exception e) when (e is System.IO.IOException or SocketException or OperationCanceledException)
        {
        }
    }
}
