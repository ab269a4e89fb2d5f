using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Mcp;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Mcp;
using SkillRt.Runtime.Tests.Sandboxing;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// Process and MCP skills through <see cref="SkillRunner"/> itself, as hosts run them: the runner
/// checks dependencies, picks the executor by runtime type, starts MCP servers from a configuration
/// file and offers their tools to model skills whose turns come from <see cref="OpenAIChatServer"/>.
/// </summary>
public sealed class ProcessAndMcpRunnerTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task A_process_skill_runs_sandboxed_through_the_runner_and_its_output_is_checked()
    {
        SandboxTools.RequireBubblewrap();
        var ct = TestContext.Current.CancellationToken;
        using var folder = new SandboxTestFolder();
        folder.Script("shout.sh", """
            input=$(cat)
            text=$(printf '%s' "$input" | sed 's/.*"text":"\([^"]*\)".*/\1/' | tr a-z A-Z)
            printf '{"text":"%s","secret":"%s"}\n' "$text" "$SKILLRT_TEST_SECRET"
            """);
        var skill = await folder.SkillAsync("""
            name: shout
            version: 1.0.0
            description: Upper-cases text.
            runtime:
              type: process
              command: [sh, scripts/shout.sh]
            inputs:
              - name: text
                type: string
                required: true
            outputs:
              type: json
              schema:
                type: object
                required: [text, secret]
                properties:
                  text: {type: string, pattern: "^[A-Z ]+$"}
                  secret: {type: string}
            """);
        Environment.SetEnvironmentVariable("SKILLRT_TEST_SECRET", "hunter2");
        try
        {
            await using var runner = new SkillRunner(new ScriptedChatClient(), new SkillRunnerOptions { WorkingDirectory = folder.Work });

            var result = await runner.RunAsync(skill, Json("""{"text":"hello world"}"""), cancellationToken: ct);

            Assert.Equal("HELLO WORLD", result.Output.GetProperty("text").GetString());
            Assert.Equal("", result.Output.GetProperty("secret").GetString());
            Assert.Equal(1, result.Report.Attempts);
            Assert.Null(result.Report.ModelId);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SKILLRT_TEST_SECRET", null);
        }
    }

    [Fact]
    public async Task An_mcp_tool_skill_calls_a_server_from_an_mcp_json_file_and_returns_its_structured_result()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new SandboxTestFolder();
        var config = WriteMcpJson(folder.Root);
        var options = new SkillRunnerOptions();
        options.McpServers.AddFromFile(config);
        await using var runner = new SkillRunner(new ScriptedChatClient(), options);
        var skill = SkillDefinition.Parse("""
            ---
            name: add-numbers
            description: Adds two numbers on the test server.
            runtime:
              type: mcp-tool
              server: test
              tool: add
            inputs:
              - name: a
                type: number
                required: true
              - name: b
                type: number
                required: true
            outputs:
              type: json
              schema:
                type: object
                required: [sum]
                properties:
                  sum: {type: number}
            ---
            Adds a and b.
            """);

        var result = await runner.RunAsync(skill, Json("""{"a":2,"b":40}"""), cancellationToken: ct);

        Assert.Equal(42, result.Output.GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task A_model_skill_is_offered_its_mcp_servers_tools_and_gets_their_results()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new SandboxTestFolder();
        var options = new SkillRunnerOptions();
        options.McpServers.AddFromFile(WriteMcpJson(folder.Root));
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("echo", """{"text":"from the server"}""", id: "call_echo")
            .EnqueueCompletion("The server said: from the server");
        await using var runner = new SkillRunner(server.CreateChatClient(), options);
        var skill = SkillDefinition.Parse("""
            ---
            name: relay
            description: Asks the test server to echo.
            dependencies:
              mcp-servers: [test]
            ---
            Ask the echo tool to echo, then say what it said.
            """);

        var result = await runner.RunAsync(skill, "relay it", cancellationToken: ct);

        Assert.Equal("The server said: from the server", result.Output.GetString());
        var offered = server.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("echo", offered);
        Assert.Contains("add", offered);
        var toolMessage = Assert.Single(server.Requests[1].Messages, m => m.Role == "tool");
        Assert.Contains("from the server", toolMessage.Text, StringComparison.Ordinal);
        Assert.Equal(1, result.Report.ToolCalls);
    }

    [Fact]
    public async Task A_missing_mcp_server_and_an_unreachable_one_are_both_reported_before_the_model_is_called()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SkillRunnerOptions();
        options.McpServers.Add(TestMcpServer.Configuration("broken", startedFile: null, "--exit", "3"));
        var client = new ScriptedChatClient().Answer("never");
        await using var runner = new SkillRunner(client, options);
        var skill = SkillDefinition.Parse("""
            ---
            name: needs-servers
            description: Needs two servers.
            dependencies:
              mcp-servers: [broken, absent]
            ---
            Use them.
            """);

        var error = await Assert.ThrowsAsync<SkillDependencyException>(() => runner.RunAsync(skill, "go", cancellationToken: ct));

        Assert.Equal(["broken", "absent"], error.Problems.Select(p => p.Name));
        Assert.All(error.Problems, p => Assert.Equal(SkillDependencyKind.McpServer, p.Kind));
        Assert.Contains("exited with code 3", error.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not configured", error.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }

    private static string WriteMcpJson(string folder)
    {
        var path = Path.Combine(folder, ".mcp.json");
        var command = JsonSerializer.Serialize(TestMcpServer.Dotnet, SkillRtTestJson.Default.String);
        var assembly = JsonSerializer.Serialize(TestMcpServer.AssemblyPath, SkillRtTestJson.Default.String);
        File.WriteAllText(path, $$"""
            {
              "mcpServers": {
                "test": { "command": {{command}}, "args": [{{assembly}}] }
              }
            }
            """);
        return path;
    }
}
