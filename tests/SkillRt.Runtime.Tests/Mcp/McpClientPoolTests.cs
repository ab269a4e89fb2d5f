using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkillRt.Mcp;
using SkillRt.Runtime.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary>The pool against the test server as a real child process: lazy, shared, checked, disposed.</summary>
public sealed class McpClientPoolTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static McpServerCollection Servers(params McpServerConfiguration[] servers)
    {
        var collection = new McpServerCollection();
        foreach (var server in servers)
        {
            collection.Add(server);
        }

        return collection;
    }

    private static async Task<string> CallTextAsync(McpClient client, string tool, string argument, string value)
    {
        var result = await client.CallToolAsync(
            new CallToolRequestParams { Name = tool, Arguments = new System.Collections.Generic.Dictionary<string, JsonElement> { [argument] = JsonDocument.Parse(JsonEncode(value)).RootElement } },
            Cancellation);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    private static string JsonEncode(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";

    [Fact]
    public async Task A_server_starts_on_first_use_once_for_all_concurrent_callers()
    {
        var started = TestMcpServer.NewStartedFile();
        await using var pool = TestMcpServer.Pool(Servers(TestMcpServer.Configuration(startedFile: started)));

        Assert.True(pool.IsConfigured("test"));
        Assert.False(pool.IsConfigured("other"));
        Assert.Empty(TestMcpServer.Started(started));

        var clients = await Task.WhenAll(pool.GetClientAsync("test", Cancellation), pool.GetClientAsync("test", Cancellation));
        Assert.Same(clients[0], clients[1]);
        Assert.Same(clients[0], await pool.GetClientAsync("test", Cancellation));
        Assert.Single(TestMcpServer.Started(started));
        Assert.Equal("skillrt-test", clients[0].ServerInfo?.Name);

        var tools = await pool.GetToolsAsync("test", Cancellation);
        Assert.Equal(["add", "cwd", "echo", "env", "exit", "fail", "slow"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool => Assert.IsType<McpClientTool>(tool));
        Assert.Same(tools, await pool.GetToolsAsync("test", Cancellation));
        File.Delete(started);
    }

    [Fact]
    public async Task Disposing_the_pool_ends_the_server_process()
    {
        var started = TestMcpServer.NewStartedFile();
        var pool = TestMcpServer.Pool(Servers(TestMcpServer.Configuration(startedFile: started)));
        Assert.Null(await pool.CheckReachableAsync("test", Cancellation));
        var processId = Assert.Single(TestMcpServer.Started(started));
        using (var process = System.Diagnostics.Process.GetProcessById(processId))
        {
            Assert.False(process.HasExited);
        }

        await pool.DisposeAsync();

        Assert.True(TestMcpServer.HasExited(processId));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.GetClientAsync("test", Cancellation));
        await pool.DisposeAsync();
        File.Delete(started);
    }

    [Fact]
    public async Task One_caller_giving_up_does_not_cancel_the_start_for_the_others()
    {
        var started = TestMcpServer.NewStartedFile();
        await using var pool = TestMcpServer.Pool(Servers(TestMcpServer.Configuration(startedFile: started)));
        using var impatient = new CancellationTokenSource();

        var first = pool.GetClientAsync("test", impatient.Token);
        var second = pool.GetClientAsync("test", Cancellation);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.NotNull(await second);
        Assert.Single(TestMcpServer.Started(started));
        File.Delete(started);
    }

    [Fact]
    public async Task Environment_and_working_directory_reach_the_server()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-mcp-cwd-").FullName;
        try
        {
            var server = TestMcpServer.Configuration();
            server.Environment["SKILLRT_TEST_GREETING"] = "hello from the host";
            server.WorkingDirectory = folder;
            await using var pool = TestMcpServer.Pool(Servers(server));
            var client = await pool.GetClientAsync("test", Cancellation);

            Assert.Equal("hello from the host", await CallTextAsync(client, "env", "name", "SKILLRT_TEST_GREETING"));
            Assert.Equal(new DirectoryInfo(folder).FullName, (await client.CallToolAsync(new CallToolRequestParams { Name = "cwd" }, Cancellation)).Content.OfType<TextContentBlock>().Single().Text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Servers_from_an_mcp_file_start_with_its_arguments_environment_and_folder()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-mcp-file-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "work"));
            var file = Path.Combine(folder, ".mcp.json");
            File.WriteAllText(file, $$"""
                {
                  "mcpServers": {
                    "test": {
                      "command": {{JsonEncode(TestMcpServer.Dotnet)}},
                      "args": [{{JsonEncode(TestMcpServer.AssemblyPath)}}],
                      "env": { "SKILLRT_TEST_GREETING": "${SKILLRT_TEST_UNSET_VARIABLE:-from the file}" },
                      "cwd": "work"
                    }
                  }
                }
                """);
            var servers = new McpServerCollection();
            servers.AddFromFile(file);
            await using var pool = TestMcpServer.Pool(servers);
            var client = await pool.GetClientAsync("test", Cancellation);

            Assert.Equal("from the file", await CallTextAsync(client, "env", "name", "SKILLRT_TEST_GREETING"));
            Assert.Equal(Path.Combine(folder, "work"), (await client.CallToolAsync(new CallToolRequestParams { Name = "cwd" }, Cancellation)).Content.OfType<TextContentBlock>().Single().Text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unreachable_servers_are_reported_in_one_line()
    {
        await using var pool = TestMcpServer.Pool(
            Servers(
                McpServerConfiguration.Stdio("missing", "/nonexistent/skillrt-no-such-server", "--flag"),
                TestMcpServer.Configuration("exits", startedFile: null, "--exit", "3"),
                McpServerConfiguration.Http("down", new Uri("http://127.0.0.1:9/mcp"))));

        Assert.Equal(
            "no MCP server named 'nowhere' is configured; add it to .mcp.json or mcp.json (under \"mcpServers\") or to SkillRunnerOptions.McpServers",
            await pool.CheckReachableAsync("nowhere", Cancellation));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.GetClientAsync("nowhere", Cancellation));
        Assert.StartsWith("No MCP server named 'nowhere' is configured;", error.Message, StringComparison.Ordinal);

        var missing = await pool.CheckReachableAsync("missing", Cancellation);
        Assert.StartsWith("could not start '/nonexistent/skillrt-no-such-server': ", missing, StringComparison.Ordinal);

        var exits = await pool.CheckReachableAsync("exits", Cancellation);
        Assert.Equal("the server exited with code 3; its last error output: test server: exiting as asked", exits);
        // The same exit seen while the client was still writing reaches the pool as an IOException; it reads the same.
        Assert.Equal(exits, pool.DescribeFailure("exits", new IOException("MCP server process exited unexpectedly (exit code: 3)\nServer's stderr tail:\ntest server: exiting as asked")));

        var down = await pool.CheckReachableAsync("down", Cancellation);
        Assert.StartsWith("could not connect to http://127.0.0.1:9/mcp: ", down, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_start_is_tried_again_by_the_next_caller()
    {
        var started = TestMcpServer.NewStartedFile();
        await using var pool = TestMcpServer.Pool(Servers(TestMcpServer.Configuration(startedFile: started, arguments: ["--exit", "1"])));

        Assert.NotNull(await pool.CheckReachableAsync("test", Cancellation));
        Assert.NotNull(await pool.CheckReachableAsync("test", Cancellation));

        Assert.Equal(2, TestMcpServer.Started(started).Length);
        File.Delete(started);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_is_killed()
    {
        var started = TestMcpServer.NewStartedFile();
        var clock = new ManualClock();
        await using var pool = new McpClientPool(Servers(TestMcpServer.Configuration(startedFile: started, arguments: ["--hang"])), loggerFactory: null)
        {
            // The limit is reached when the clock says so, once the server is running: a slow start on a busy
            // machine is not mistaken for a hang, and the server is surely up to be killed.
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ShutdownTimeout = TimeSpan.FromMilliseconds(100),
            TimeProvider = clock,
        };

        var check = pool.CheckReachableAsync("test", Cancellation);
        await TestMcpServer.WaitForStartsAsync(started, 1);
        Assert.False(check.IsCompleted, "the start ended before its time limit");
        clock.Expire();
        Assert.Equal("it did not start and initialize within 30 s", await check);

        var again = pool.GetClientAsync("test", Cancellation);
        await TestMcpServer.WaitForStartsAsync(started, 2);
        clock.Expire();
        await Assert.ThrowsAsync<TimeoutException>(() => again);

        var processes = TestMcpServer.Started(started);
        Assert.Equal(2, processes.Length);
        Assert.All(processes, id => Assert.True(TestMcpServer.HasExited(id)));
        File.Delete(started);
    }
}
