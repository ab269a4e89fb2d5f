using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
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
        using var process = Process.Start(Cli.CreateStartInfo(["mcp", "serve", "--http", "--key-file", keyFile, Work("skills")]))!;
        process.StandardInput.Close();
        var stderr = new ConcurrentQueue<string>();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keyLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        const string Banner = "SkillRt MCP endpoint (Streamable HTTP): ";
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(Banner, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[Banner.Length..]);
            }
            else if (e.Data is { } other && other.StartsWith("Key: ", StringComparison.Ordinal))
            {
                keyLine.TrySetResult(other);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = await Task.WhenAny(endpoint.Task, process.WaitForExitAsync(Ct)).WaitAsync(TimeSpan.FromMinutes(2), Ct);
            Assert.True(started == endpoint.Task, "no endpoint printed:\n" + string.Join('\n', stderr));
            var url = new Uri(await endpoint.Task);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.Equal("/mcp", url.AbsolutePath);
            Assert.Equal($"Key: in {keyFile}; clients send it as 'Authorization: Bearer <key>'.", await keyLine.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
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
                Assert.True(result.IsError != true, string.Join('\n', stderr));
                McpServeCommandTests.AssertJsonEqual("""{"greeting":"Hello, Ada!"}""", result.StructuredContent!.Value.GetRawText());
            }

            using var http = new HttpClient();
            foreach (var authorization in new string?[] { null, "Bearer " + key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), key })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                using var refused = await http.SendAsync(request, Ct);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            }

            // With the key, a body over the 1 MiB cap is refused before it is read whole.
            using (var huge = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}", Encoding.UTF8, "application/json"),
            })
            {
                huge.Headers.Accept.ParseAdd("application/json, text/event-stream");
                huge.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                using var tooLarge = await http.SendAsync(huge, Ct);
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            }

            Assert.Single(server.Requests);
            Assert.Equal(0, kill(process.Id, 15));
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);
            Assert.Contains(stderr, l => l.StartsWith("skillrt: serving 1 tool (greet) and 0 prompts over MCP on Streamable HTTP", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
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

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
