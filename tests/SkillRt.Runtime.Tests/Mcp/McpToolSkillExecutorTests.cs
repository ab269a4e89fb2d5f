using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Execution;
using SkillRt.Mcp;
using SkillRt.Runtime.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary><c>mcp-tool</c> skills run on the test server: the tool's result, checked against the skill's contract.</summary>
public sealed class McpToolSkillExecutorTests(TestMcpServerFixture server) : IClassFixture<TestMcpServerFixture>
{
    /// <summary>McpLog.CallingTool: the executor is about to send the call.</summary>
    private const int CallingToolEventId = 65;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static SkillDefinition Skill(string server, string tool, string inputs, string outputs) => SkillDefinition.Parse($"""
        ---
        name: {tool}-skill
        description: Calls {tool} on the test MCP server.
        runtime:
          type: mcp-tool
          server: {server}
          tool: {tool}
        {inputs}
        {outputs}
        ---
        Calls the tool.
        """);

    private const string NumberInputs = """
        inputs:
          - name: a
            type: number
            required: true
          - name: b
            type: number
            required: true
        """;

    private const string SumOutput = """
        outputs:
          type: json
          schema:
            type: object
            required: [sum]
            properties:
              sum:
                type: number
        """;

    private Task<JsonElement> RunAsync(SkillDefinition skill, string input, SkillRunnerOptions? options = null) =>
        RunAsync(skill, input, new SkillRunState(), options);

    private Task<JsonElement> RunAsync(SkillDefinition skill, string input, SkillRunState state, SkillRunnerOptions? options = null) =>
        RunAsync(server.Pool, skill, input, state, options);

    // A test that leaves a slow call running on the server gives it a server of its own: the server
    // may go on with a call the client gave up on, and the class's other calls must not queue behind it.
    private static McpClientPool OwnServer() => TestMcpServer.Pool(new McpServerCollection { TestMcpServer.Configuration() });

    private static Task<JsonElement> RunAsync(McpClientPool pool, SkillDefinition skill, string input, SkillRunState state, SkillRunnerOptions? options = null)
    {
        var execution = new SkillExecution<JsonElement, JsonElement>(
            skill.Contract,
            JsonDocument.Parse(input).RootElement,
            PreparedSkill.For(skill.Descriptor),
            new ModelSettings(null, null, null, 0),
            state,
            progress: null,
            skillDirectory: null,
            workingDirectory: Directory.GetCurrentDirectory());
        var executor = new McpToolSkillExecutor(pool, options ?? new SkillRunnerOptions(), NullLogger.Instance);
        Assert.True(executor.CanExecute(skill.Descriptor));
        Assert.False(executor.CanExecute(new SkillDescriptor { Name = "prose", Instructions = "Say hello." }));
        return executor.ExecuteAsync(execution, Cancellation);
    }

    [Fact]
    public async Task A_json_output_is_the_tools_structured_content_checked_against_the_schema()
    {
        var state = new SkillRunState();
        var output = await RunAsync(Skill("test", "add", NumberInputs, SumOutput), """{"a":2,"b":3.5}""", state);

        Assert.Equal(5.5, output.GetProperty("sum").GetDouble());
        Assert.Equal(1, state.Attempts);
    }

    [Fact]
    public async Task A_json_output_without_structured_content_is_the_tools_text_parsed()
    {
        var output = await RunAsync(
            Skill("test", "echo", "inputs:\n  - name: text\n    required: true", SumOutput),
            """{"text":" {\"sum\": 7} "}""");

        Assert.Equal(7, output.GetProperty("sum").GetInt32());
    }

    [Fact]
    public async Task A_result_that_breaks_the_schema_fails_without_repair()
    {
        var skill = Skill("test", "add", NumberInputs, """
            outputs:
              type: json
              schema:
                type: object
                required: [total]
                properties:
                  total:
                    type: number
            """);

        var error = await Assert.ThrowsAsync<SkillOutputException>(() => RunAsync(skill, """{"a":1,"b":2}"""));

        Assert.Equal("add-skill", error.SkillName);
        Assert.Contains("\"sum\"", error.RawOutput, StringComparison.Ordinal);
        Assert.Contains(error.Violations, v => v.Message.Contains("'total'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prose_skill_passes_its_task_to_the_tools_only_parameter_and_returns_text()
    {
        var output = await RunAsync(Skill("test", "echo", string.Empty, string.Empty), "\"say this back\"");

        Assert.Equal("say this back", output.GetString());
    }

    [Fact]
    public async Task A_tool_error_is_a_skill_tool_exception_with_the_tools_message()
    {
        var skill = Skill("test", "fail", "inputs:\n  - name: message\n    required: true", string.Empty);

        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(skill, """{"message":"the disk is full"}"""));

        Assert.Equal(("test", "fail", "fail-skill", "the disk is full"), (error.ServerName, error.ToolName, error.SkillName, error.ToolError));
        Assert.Equal("Tool 'fail' on MCP server 'test' reported an error for skill 'fail-skill': the disk is full", error.Message);
    }

    [Fact]
    public async Task A_server_that_is_not_configured_is_named_with_where_to_add_it()
    {
        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(Skill("nowhere", "add", NumberInputs, SumOutput), """{"a":1,"b":2}"""));

        Assert.Equal("nowhere", error.ServerName);
        Assert.Equal(
            "Skill 'add-skill' calls tool 'add' on MCP server 'nowhere', which is not configured; add it to .mcp.json or mcp.json (under \"mcpServers\") or to SkillRunnerOptions.McpServers.",
            error.Message);
    }

    [Fact]
    public async Task An_unknown_tool_is_refused_by_the_server()
    {
        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(Skill("test", "nope", NumberInputs, SumOutput), """{"a":1,"b":2}"""));

        Assert.StartsWith("MCP server 'test' refused the call to tool 'nope' for skill 'nope-skill': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope", error.ToolError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prose_skill_on_an_unknown_tool_lists_the_servers_tools()
    {
        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(Skill("test", "nope", string.Empty, string.Empty), "\"task\""));

        Assert.StartsWith("MCP server 'test' has no tool 'nope', which skill 'nope-skill' calls; it has 'add', ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prose_skill_cannot_call_a_tool_with_several_parameters()
    {
        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(Skill("test", "add", string.Empty, SumOutput), "\"add two and three\""));

        Assert.Equal(
            "Skill 'add-skill' declares no inputs, so its input is text, but tool 'add' on MCP server 'test' takes 2 arguments (a, b); declare them as the skill's inputs so they are passed by name.",
            error.Message);
    }

    [Fact]
    public async Task A_call_that_takes_longer_than_the_tool_call_timeout_fails()
    {
        var skill = Skill("test", "slow", "inputs:\n  - name: ms\n    type: integer\n    required: true", string.Empty);
        var options = new SkillRunnerOptions { ToolCallTimeout = TimeSpan.FromMilliseconds(200) };
        await using var pool = OwnServer();

        // The tool waits a minute, so the 0.2 s limit is reached first however busy the machine is.
        var error = await Assert.ThrowsAsync<SkillToolException>(() => RunAsync(pool, skill, """{"ms":60000}""", new SkillRunState(), options));

        Assert.Equal("Tool 'slow' on MCP server 'test' did not answer skill 'slow-skill' within 0.2 s; raise SkillRunnerOptions.ToolCallTimeout if it needs longer.", error.Message);
        Assert.Equal("waited 1 ms", (await RunAsync(pool, skill, """{"ms":1}""", new SkillRunState())).GetString());
    }

    [Fact]
    public async Task A_server_that_exits_during_a_call_fails_the_run_and_is_started_again_on_next_use()
    {
        var started = TestMcpServer.NewStartedFile();
        var servers = new SkillRt.Mcp.McpServerCollection { TestMcpServer.Configuration(startedFile: started) };
        await using var pool = TestMcpServer.Pool(servers);
        var skill = Skill("test", "exit", "inputs:\n  - name: code\n    type: integer\n    required: true", string.Empty);
        var execution = new SkillExecution<JsonElement, JsonElement>(
            skill.Contract, JsonDocument.Parse("""{"code":2}""").RootElement, PreparedSkill.For(skill.Descriptor), new ModelSettings(null, null, null, 0), new SkillRunState(), null, null, Directory.GetCurrentDirectory());
        var first = await pool.GetClientAsync("test", Cancellation);

        var error = await Assert.ThrowsAsync<SkillToolException>(() => new McpToolSkillExecutor(pool, new SkillRunnerOptions(), NullLogger.Instance).ExecuteAsync(execution, Cancellation));

        Assert.StartsWith("MCP server 'test' failed during the call to tool 'exit' for skill 'exit-skill': the server exited with code 2", error.Message, StringComparison.Ordinal);
        // The session has ended by now; the limit only keeps a regression from hanging the run.
        await first.Completion.WaitAsync(TimeSpan.FromMinutes(1), Cancellation);
        Assert.NotSame(first, await pool.GetClientAsync("test", Cancellation));
        Assert.Equal(2, TestMcpServer.Started(started).Length);
        File.Delete(started);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_call()
    {
        var skill = Skill("test", "slow", "inputs:\n  - name: ms\n    type: integer\n    required: true", string.Empty);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var execution = new SkillExecution<JsonElement, JsonElement>(
            skill.Contract, JsonDocument.Parse("""{"ms":60000}""").RootElement, PreparedSkill.For(skill.Descriptor), new ModelSettings(null, null, null, 0), new SkillRunState(), null, null, Directory.GetCurrentDirectory());
        var calling = new EventSignalLogger(CallingToolEventId);
        await using var pool = OwnServer();
        var run = new McpToolSkillExecutor(pool, new SkillRunnerOptions(), calling).ExecuteAsync(execution, cancellation.Token);

        // Cancelled once the executor is calling the tool; the tool waits a minute, so only the cancellation ends the run early.
        await calling.Logged.WaitAsync(Cancellation);
        Assert.False(run.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
