using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Mcp;

/// <summary>
/// <c>skillrt mcp serve</c> called by other clients: the official TypeScript SDK under node over stdio,
/// and the C# SDK over Streamable HTTP (<c>--http</c>) with and without the key.
/// </summary>
public sealed class McpServeClientsTests : IAsyncDisposable
{
    private static readonly string NodePackages = Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared");
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly ModelServerCli _session = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private string Work(string name) => Path.Combine(Cli.WorkingDirectory, name);

    [Fact]
    public async Task The_typescript_sdk_lists_the_tools_and_calls_one()
    {
        await EnsureNodePackagesAsync();
        var server = await _session.StartServerAsync();
        server.EnqueueCompletion("""{"greeting":"Hello, Ada!"}""");
        Cli.WriteFile(Path.Combine("skills", "greet", "SKILL.md"), McpServeCommandTests.Greet);
        var skillrt = Cli.CreateStartInfo([]);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Cli.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(NodePackages, "mcp-client.mjs"), "greet", """{"who":"Ada"}""", skillrt.FileName, "mcp", "serve", Work("skills") })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Cli.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(Ct);
        var error = node.StandardError.ReadToEndAsync(Ct);
        await node.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}\n{await error}");

        using var json = JsonDocument.Parse(await output);
        var tool = Assert.Single(json.RootElement.GetProperty("tools").EnumerateArray());
        Assert.Equal("greet", tool.GetProperty("name").GetString());
        Assert.Equal("object", tool.GetProperty("outputSchema").GetProperty("type").GetString());
        var result = json.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
        McpServeCommandTests.AssertJsonEqual("""{"greeting":"Hello, Ada!"}""", result.GetProperty("structuredContent").GetRawText());
    }

    [Fact]
    public async Task Over_http_a_call_with_the_key_runs_the_skill_and_a_request_without_it_is_refused()
    {
        var server = await _session.StartServerAsync();
        server.EnqueueCompletion("""{"greeting":"Hello, Ada!"}""");
        Cli.WriteFile(Path.Combine("skills", "greet", "SKILL.md"), McpServeCommandTests.Greet);
        var keyFile = Work("mcp.key");
        await using var served = await McpHttpServeProcess.StartAsync(Cli, ["--key-file", keyFile, Work("skills")], Ct);
        var url = served.Endpoint;
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal("/mcp", url.AbsolutePath);
        Assert.Equal($"Key: in {keyFile}; clients send it as 'Authorization: Bearer <key>'.", served.KeyLine);
        var key = (await File.ReadAllTextAsync(keyFile, Ct)).Trim();
        Assert.StartsWith("skillrt_mcp_", key, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // The SDK's client asks for the session-less 2026-07-28 revision first and falls back to initialize.
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        });
        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: Ct))
        {
            Assert.Equal("greet", Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
            var result = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, cancellationToken: Ct);
            Assert.True(result.IsError != true, served.Errors);
            McpServeCommandTests.AssertJsonEqual("""{"greeting":"Hello, Ada!"}""", result.StructuredContent!.Value.GetRawText());
        }

        using var http = new HttpClient();
        foreach (var authorization in new string?[] { null, "Bearer " + key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), key })
        {
            using var refused = await http.SendAsync(Initialize(url, authorization), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        }

        // With the key, a body declared over the 1 MiB cap is refused before any of it is read. The request is
        // written by hand, headers only: a client that went on to write the 2 MiB would race the server's close
        // (a broken pipe on its side, which is how such a client learns the answer).
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(url.Host, url.Port, Ct);
            var stream = socket.GetStream();
            var head = $"POST {url.AbsolutePath} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {key}\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\nContent-Length: {2 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            Assert.StartsWith("HTTP/1.1 413 ", await reader.ReadLineAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Single(server.Requests);
        await served.StopAsync(Ct);
        Assert.Contains(served.ErrorLines, l => l.StartsWith("skillrt: serving 1 tool (greet) and 0 prompts over MCP on Streamable HTTP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_http_requests_past_the_rate_limit_or_the_session_limit_get_429_and_so_do_keyless_ones_past_theirs()
    {
        Cli.WriteFile(Path.Combine("skills", "greet", "SKILL.md"), McpServeCommandTests.Greet);
        var keyFile = Work("limited.key");
        const int MaxSessions = 64; // as the server documents (docs/agents.md)
        const int Budget = MaxSessions + 3;
        await using var served = await McpHttpServeProcess.StartAsync(Cli, ["--key-file", keyFile, "--rate-limit", Budget.ToString(CultureInfo.InvariantCulture), Work("skills")], Ct);
        var key = (await File.ReadAllTextAsync(keyFile, Ct)).Trim();
        using var http = new HttpClient();

        // Sessions up to the cap start; one more is refused until a session ends.
        var sessions = new List<string>();
        for (var i = 0; i < MaxSessions; i++)
        {
            using var answered = await http.SendAsync(Initialize(served.Endpoint, "Bearer " + key), Ct);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            sessions.Add(answered.Headers.GetValues("Mcp-Session-Id").Single());
        }

        using (var full = await http.SendAsync(Initialize(served.Endpoint, "Bearer " + key), Ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
            Assert.Contains("end one with DELETE", await full.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var end = new HttpRequestMessage(HttpMethod.Delete, served.Endpoint))
        {
            end.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            end.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessions[0]);
            using var ended = await http.SendAsync(end, Ct);
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        }

        using (var again = await http.SendAsync(Initialize(served.Endpoint, "Bearer " + key), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // That was the minute's last request with the key; the next one is told when to try again.
        using (var limited = await http.SendAsync(Initialize(served.Endpoint, "Bearer " + key), Ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Contains("--rate-limit", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Requests without the key have a budget of their own: spent, they get 429 instead of 401.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= 60; i++)
        {
            using var keyless = await http.SendAsync(Initialize(served.Endpoint, authorization: null), Ct);
            statuses.Add(keyless.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 60).Append(HttpStatusCode.TooManyRequests), statuses);
        await served.StopAsync(Ct);
    }

    [Fact]
    public async Task A_rate_limit_without_http_or_below_one_is_a_usage_error()
    {
        var stdio = await Cli.RunAsync("mcp", "serve", "--rate-limit", "10", Work("skills"));
        Assert.Equal(2, stdio.ExitCode);
        Assert.Contains("--rate-limit are for --http", stdio.Error, StringComparison.Ordinal);

        var zero = await Cli.RunAsync("mcp", "serve", "--http", "--rate-limit", "0", Work("skills"));
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--rate-limit 0: the limit is a number of requests a minute, 1 or more.", zero.Error, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Initialize(Uri url, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static async Task EnsureNodePackagesAsync()
    {
        if (File.Exists(Path.Combine(NodePackages, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
        {
            return;
        }

        await InstallGate.WaitAsync(Ct);
        try
        {
            if (File.Exists(Path.Combine(NodePackages, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm") { WorkingDirectory = NodePackages, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            {
                start.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start; install node 20 and npm (apt-get install -y nodejs npm).");
            var error = npm.StandardError.ReadToEndAsync(Ct);
            await npm.StandardOutput.ReadToEndAsync(Ct);
            await npm.WaitForExitAsync(Ct);
            Assert.True(npm.ExitCode == 0, "npm ci in tests/Shared failed:\n" + await error);
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
