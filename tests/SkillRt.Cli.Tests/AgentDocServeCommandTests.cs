using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt agent-doc serve</c> started as the real process and queried through the MCP SDK's own client over stdio.</summary>
public sealed class AgentDocServeCommandTests : IDisposable
{
    private static readonly string Resend = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "resend", "resend.yaml");

    private const string Invalid = """
        agentDoc: "0.1"
        identity:
          name: Mailer
          version: 1.0.0
        summary: Sends email.
        """;

    private readonly SkillCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    private string Work(string name) => Path.Combine(_cli.WorkingDirectory, name);

    private async Task<string> GenerateResendAsync(string folder)
    {
        Directory.CreateDirectory(Work(folder));
        var path = Path.Combine(Work(folder), "agent-doc.yaml");
        var generated = await _cli.RunAsync("agent-doc", "from-openapi", Resend, "-o", path);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        return path;
    }

    [Fact]
    public async Task Serves_the_valid_docs_of_a_folder_over_stdio_and_reports_the_bad_ones_at_their_lines()
    {
        var resend = await GenerateResendAsync(Path.Combine("docs", "resend"));
        var bad = _cli.WriteFile(Path.Combine("docs", "mailer", "agent-doc.yaml"), Invalid);
        var stderr = new ConcurrentQueue<string>();
        var serving = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = _cli.CreateStartInfo(["agent-doc", "serve", Work("docs")]);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "skillrt",
            Command = start.FileName,
            Arguments = start.ArgumentList.ToList(),
            WorkingDirectory = start.WorkingDirectory,
            EnvironmentVariables = _cli.Environment,
            StandardErrorLines = line =>
            {
                stderr.Enqueue(line);
                if (line.StartsWith("skillrt: serving", StringComparison.Ordinal))
                {
                    serving.TrySetResult(line);
                }
            },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Equal(5, tools.Count);
        var found = await client.CallToolAsync("search_operations", new Dictionary<string, object?> { ["library"] = "resend", ["query"] = "send an email" }, cancellationToken: Ct);
        using (var json = JsonDocument.Parse(Text(found)))
        {
            Assert.Equal("emails/send", json.RootElement.GetProperty("results")[0].GetProperty("id").GetString());
            Assert.Equal("1.5.0", json.RootElement.GetProperty("version").GetString());
            Assert.StartsWith("sha256:", json.RootElement.GetProperty("contentHash").GetString(), StringComparison.Ordinal);
        }

        var unknown = await client.CallToolAsync("get_operation", new Dictionary<string, object?> { ["library"] = "mailer", ["operationId"] = "send" }, cancellationToken: Ct);
        Assert.True(unknown.IsError);
        Assert.Equal("No agent-doc for library 'mailer'. Libraries served: resend; resolve_library finds one by words.", Text(unknown));

        Assert.Equal($"skillrt: serving 1 agent-doc over MCP on standard input/output: resend 1.5.0 (1 not served, see above).", await serving.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains(stderr, l => l.StartsWith($"{bad}(3,9): error ADOC0104: identity.name: 'Mailer' is invalid", StringComparison.Ordinal));
        Assert.Contains($"skillrt: {bad}: not served (1 error; check it with: skillrt agent-doc validate {bad}).", stderr);
        Assert.DoesNotContain(stderr, l => l.Contains(resend, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fails_clearly_when_nothing_given_is_valid_or_a_path_is_missing()
    {
        var bad = _cli.WriteFile(Path.Combine("bad", "agent-doc.yaml"), Invalid);

        var none = await _cli.RunAsync("agent-doc", "serve", Work("bad"));
        Assert.Equal(1, none.ExitCode);
        Assert.Contains($"{bad}(3,9): error ADOC0104", none.Error, StringComparison.Ordinal);
        Assert.EndsWith("skillrt: none of the 1 agent-doc given is valid, so there is nothing to serve; fix the errors above (skillrt agent-doc validate <file>).\n", none.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, none.Output);

        var empty = Directory.CreateDirectory(Work("empty")).FullName;
        var nothing = await _cli.RunAsync("agent-doc", "serve", empty);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Equal($"skillrt: no agent-doc.yaml found in {empty}; pass agent-doc files, or folders that hold agent-doc.yaml files.\n", nothing.Error);

        var missing = await _cli.RunAsync("agent-doc", "serve", Work("nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"skillrt: '{Work("nope")}' does not exist; pass agent-doc.yaml files or folders that hold them.\n", missing.Error);
    }

    [Fact]
    public async Task Stops_when_the_client_closes_standard_input()
    {
        var resend = await GenerateResendAsync("one");

        // RunWithInputAsync closes stdin after writing nothing: the server sees end of input and exits 0.
        var result = await _cli.RunWithInputAsync(string.Empty, "agent-doc", "serve", resend, "--max-tokens", "2000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal("skillrt: serving 1 agent-doc over MCP on standard input/output: resend 1.5.0.\n", result.Error);
    }

    [Fact]
    public async Task Http_serves_the_files_over_streamable_http_prints_the_endpoint_and_stops_on_SIGTERM()
    {
        var resend = await GenerateResendAsync("http");
        using var process = Process.Start(_cli.CreateStartInfo(["agent-doc", "serve", "--http", "--port", "0", resend]))!;
        process.StandardInput.Close();
        var stderr = new ConcurrentQueue<string>();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        const string Banner = "Agent-doc MCP endpoint (Streamable HTTP): ";
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(Banner, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[Banner.Length..]);
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
            Assert.Equal("/mcp/agent-docs", url.AbsolutePath);

            await using (var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }), cancellationToken: Ct))
            {
                var found = await client.CallToolAsync("search_operations", new Dictionary<string, object?> { ["library"] = "resend", ["query"] = "send an email" }, cancellationToken: Ct);
                using var json = JsonDocument.Parse(Text(found));
                Assert.Equal("emails/send", json.RootElement.GetProperty("results")[0].GetProperty("id").GetString());
                Assert.Equal("1.5.0", json.RootElement.GetProperty("version").GetString());
            }

            Assert.Equal(0, kill(process.Id, 15));
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{string.Join('\n', stderr)}");
            Assert.Contains("skillrt: serving 1 agent-doc over MCP on Streamable HTTP: resend 1.5.0.", stderr);
            Assert.DoesNotContain(stderr, l => l.Contains("First administrator key", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
