using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>The allowlisting proxy on its own, spoken to over its Unix domain socket.</summary>
public sealed class AllowlistProxyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillrt-proxy-").FullName;
    private readonly LoopbackHttpServer _server = new("tunnelled");
    private readonly ConcurrentQueue<string> _denied = new();
    private AllowlistProxy _proxy = null!;

    public ValueTask InitializeAsync()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix domain socket paths");
        _proxy = new AllowlistProxy(Path.Combine(_folder, "proxy.sock"), (host, port) => host == "127.0.0.1" && port == _server.Port, "web", NullLogger.Instance);
        _proxy.Denied += (host, port) => _denied.Enqueue(host + ":" + port);
        _proxy.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Connect_to_an_allowed_host_is_tunnelled()
    {
        var answer = await ExchangeAsync($"CONNECT 127.0.0.1:{_server.Port} HTTP/1.1\r\nHost: 127.0.0.1:{_server.Port}\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("tunnelled", answer, StringComparison.Ordinal);
        Assert.Equal(0, _proxy.DeniedCount);
    }

    [Fact]
    public async Task Hosts_and_ports_not_allowed_get_403_and_are_counted()
    {
        var answer = await ExchangeAsync("CONNECT example.com:443 HTTP/1.1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nSkill 'web' may not connect to example.com:443: permissions.network does not list it.\n", answer, StringComparison.Ordinal);

        answer = await ExchangeAsync($"GET http://127.0.0.1:{_server.Port + 1}/ HTTP/1.1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);

        answer = await ExchangeAsync("CONNECT [::1]:8443 HTTP/1.1\r\n\r\n");
        Assert.Contains("may not connect to [::1]:8443", answer, StringComparison.Ordinal);

        Assert.Equal(3, _proxy.DeniedCount);
        Assert.Equal(["example.com:443", $"127.0.0.1:{_server.Port + 1}", "::1:8443"], _denied);
        Assert.Equal(0, _server.Connections);
    }

    [Fact]
    public async Task Absolute_form_requests_are_forwarded_in_origin_form_with_the_connection_closed()
    {
        var answer = await ExchangeAsync($"GET http://127.0.0.1:{_server.Port}/a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:{_server.Port}\r\nProxy-Connection: Keep-Alive\r\nAccept: */*\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Equal($"GET /a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:{_server.Port}\r\nAccept: */*\r\nConnection: close\r\n\r\n", _server.LastRequest);
    }

    [Fact]
    public async Task Requests_a_proxy_cannot_check_are_refused()
    {
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", await ExchangeAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", await ExchangeAsync("CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", await ExchangeAsync("GET ftp://127.0.0.1/ HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.Equal(0, _server.Connections);
    }

    /// <summary>Sends <paramref name="request"/>, half-closes, and reads everything the proxy answers.</summary>
    private async Task<string> ExchangeAsync(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_proxy.SocketPath), TestContext.Current.CancellationToken);
        using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var answer = new MemoryStream();
        var copy = stream.CopyToAsync(answer, TestContext.Current.CancellationToken);

        // The tunnel carries the request after the CONNECT; the server answers and closes.
        await copy.WaitAsync(SandboxTools.Patience, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
