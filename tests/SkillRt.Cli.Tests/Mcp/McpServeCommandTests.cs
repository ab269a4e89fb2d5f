using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Mcp;

/// <summary>
/// <c>skillrt mcp serve</c> as the real process, driven by the MCP SDK's own client over stdio, with
/// model skills run against the loopback OpenAI-compatible server.
/// </summary>
public sealed class McpServeCommandTests : IAsyncDisposable
{
    internal const string Greet = """
        ---
        name: greet
        version: 1.0.0
        description: Greets someone by name.
        inputs:
          - name: who
            type: string
            required: true
            description: Whom to greet.
          - name: times
            type: integer
            default: 1
        outputs:
          type: json
          schema:
            type: object
            required: [greeting]
            additionalProperties: false
            properties:
              greeting:
                type: string
        ---
        Greet the person named in the input, warmly.
        """;

    internal const string Shout = """
        ---
        name: shout
        description: Repeats a text in capitals.
        inputs:
          - name: text
            type: string
            required: true
        outputs:
          type: text
        ---
        Repeat the text in capitals.
        """;

    private const string Style = """
        # Commit message style

        Write the subject in the imperative, at most 72 characters.
        """;

    private readonly ModelServerCli _session = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private string Work(string name) => Path.Combine(Cli.WorkingDirectory, name);

    private string WriteSkill(string folder, string text) => Cli.WriteFile(Path.Combine("skills", folder, "SKILL.md"), text);

    [Fact]
    public async Task Typed_skills_are_tools_with_their_schemas_and_prose_skills_are_prompts()
    {
        WriteSkill("greet", Greet);
        WriteSkill("shout", Shout);
        WriteSkill("style", Style);
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct);

        var tools = (await mcp.Client.ListToolsAsync(cancellationToken: Ct)).ToDictionary(t => t.Name);
        Assert.Equal(["greet", "shout"], tools.Keys.Order());
        var greet = tools["greet"].ProtocolTool;
        Assert.Equal("Greets someone by name. (skill greet 1.0.0)", greet.Description);
        AssertJsonEqual(
            """{"type":"object","properties":{"who":{"type":"string","description":"Whom to greet."},"times":{"type":"integer","default":1}},"required":["who"],"additionalProperties":false}""",
            greet.InputSchema.GetRawText());
        AssertJsonEqual(
            """{"type":"object","required":["greeting"],"additionalProperties":false,"properties":{"greeting":{"type":"string"}}}""",
            greet.OutputSchema!.Value.GetRawText());

        // A text output is not an object, which MCP requires of an output schema: it is wrapped.
        AssertJsonEqual(
            """{"type":"object","properties":{"result":{"type":"string"}},"required":["result"]}""",
            tools["shout"].ProtocolTool.OutputSchema!.Value.GetRawText());

        var prompt = Assert.Single(await mcp.Client.ListPromptsAsync(cancellationToken: Ct));
        Assert.Equal("style", prompt.Name);
        var got = await mcp.Client.GetPromptAsync("style", new Dictionary<string, object?> { ["task"] = "Write the subject for a parser fix." }, cancellationToken: Ct);
        var message = Assert.Single(got.Messages);
        Assert.Equal(Role.User, message.Role);
        Assert.Equal(Style.TrimEnd() + "\n\nTask: Write the subject for a parser fix.", Assert.IsType<TextContentBlock>(message.Content).Text);

        Assert.Equal(
            $"skillrt: serving 2 tools (greet, shout) and 1 prompt (style) over MCP on standard input/output, from {Work("skills")}.",
            await mcp.WaitForLineAsync(l => l.StartsWith("skillrt: serving", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_runs_the_skill_on_the_model_and_returns_structured_content_with_progress()
    {
        var server = await _session.StartServerAsync();
        WriteSkill("greet", Greet);
        WriteSkill("shout", Shout);
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct);

        // With a progress token the run streams, and the client hears how it goes.
        server.EnqueueStream("""{"greeting":"Hello, Ada!"}""");
        var progress = new FirstProgress();
        var result = await mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, progress, cancellationToken: Ct);

        Assert.True(result.IsError != true, Text(result));
        AssertJsonEqual("""{"greeting":"Hello, Ada!"}""", result.StructuredContent!.Value.GetRawText());
        AssertJsonEqual("""{"greeting":"Hello, Ada!"}""", Text(result));
        Assert.Equal("waiting for the model", (await progress.First.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Message);
        var request = Assert.Single(server.Requests);
        Assert.Equal("gpt-test", request.Model);
        using (var user = JsonDocument.Parse(request.Messages.Last(m => m.Role == "user").Text))
        {
            Assert.Equal("Ada", user.RootElement.GetProperty("who").GetString());
        }

        // A text output comes back as itself, and as {"result": ...} in structuredContent.
        server.EnqueueCompletion("HELLO");
        var shouted = await mcp.Client.CallToolAsync("shout", new Dictionary<string, object?> { ["text"] = "hello" }, cancellationToken: Ct);
        Assert.True(shouted.IsError != true, Text(shouted));
        Assert.Equal("HELLO", Text(shouted));
        AssertJsonEqual("""{"result":"HELLO"}""", shouted.StructuredContent!.Value.GetRawText());
    }

    [Fact]
    public async Task Invalid_arguments_are_an_error_result_naming_each_violation_and_the_server_keeps_answering()
    {
        var server = await _session.StartServerAsync();
        WriteSkill("greet", Greet);
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct);

        var invalid = await mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["times"] = "twice", ["whom"] = "Ada" }, cancellationToken: Ct);

        Assert.True(invalid.IsError);
        var text = Text(invalid);
        Assert.StartsWith("The arguments for greet are invalid (", text, StringComparison.Ordinal);
        Assert.Contains("input /times:", text, StringComparison.Ordinal);
        Assert.Contains("who", text, StringComparison.Ordinal);
        Assert.Contains("whom", text, StringComparison.Ordinal);
        Assert.Empty(server.Requests);

        server.EnqueueCompletion("""{"greeting":"Hi Ada"}""");
        var valid = await mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, cancellationToken: Ct);
        Assert.True(valid.IsError != true, Text(valid));
        AssertJsonEqual("""{"greeting":"Hi Ada"}""", valid.StructuredContent!.Value.GetRawText());
    }

    [Fact]
    public async Task A_failed_run_is_an_error_result_and_a_missing_model_is_named()
    {
        WriteSkill("greet", Greet);
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct);

        var result = await mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.StartsWith("no model is configured: set SKILLRT_MODEL", Text(result), StringComparison.Ordinal);
        await mcp.WaitForLineAsync(l => l.StartsWith("skillrt: warning: no model is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_skills_with_the_same_tool_name_stop_the_server_naming_both_files()
    {
        var first = WriteSkill("one", Greet);
        var second = WriteSkill("two", Greet);

        var result = await Cli.RunWithInputAsync(string.Empty, "mcp", "serve", Work("skills"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(
            $"skillrt: 2 skills would be the MCP tool 'greet': {first} and {second}; serve only one of them, or rename one (its 'name' in the frontmatter).\n",
            result.Error);
    }

    [Fact]
    public async Task Skills_added_on_disk_are_served_after_a_list_changed_notification_and_a_broken_one_is_reported()
    {
        WriteSkill("greet", Greet);

        // A session of the initialize handshake, as Claude Code, Cursor, Codex and VS Code open: notifications reach it unasked.
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct, protocolVersion: "2025-11-25");
        Assert.Equal("greet", Assert.Single(await mcp.Client.ListToolsAsync(cancellationToken: Ct)).Name);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = mcp.Client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return default;
        });

        var broken = WriteSkill("broken", "---\nname: Broken Name\ndescription: x\n---\nBody.\n");
        WriteSkill("shout", Shout);
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(["greet", "shout"], (await mcp.Client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).Order());
        await mcp.WaitForLineAsync(l => l.StartsWith(broken + "(2,", StringComparison.Ordinal) && l.Contains(": error ", StringComparison.Ordinal));
        await mcp.WaitForLineAsync(l => l == $"skillrt: {broken}: not served (1 error; check it with: skillrt validate {broken}).");
        await mcp.WaitForLineAsync(l => l == "skillrt: skills changed on disk; now serving 2 tools (greet, shout) and 0 prompts.");
    }

    [Fact]
    public async Task A_cancelled_call_stops_the_run_and_the_server_keeps_answering()
    {
        var server = await _session.StartServerAsync();
        server.Enqueue(ScriptedReply.Hang());
        WriteSkill("greet", Greet);
        await using var mcp = await McpServeSession.StartAsync(Cli, [Work("skills")], Ct);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, cancellationToken: cancellation.Token).AsTask();
        await server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var aborted = await server.AbortObserved.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(1, aborted.Number);
        await mcp.WaitForLineAsync(l => l.StartsWith("skillrt: the call of greet was cancelled by the client", StringComparison.Ordinal));

        server.EnqueueCompletion("""{"greeting":"Hi"}""");
        var again = await mcp.Client.CallToolAsync("greet", new Dictionary<string, object?> { ["who"] = "Ada" }, cancellationToken: Ct);
        Assert.True(again.IsError != true, Text(again));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_run_cancels_the_run_and_the_server_exits()
    {
        var server = await _session.StartServerAsync();
        server.Enqueue(ScriptedReply.Hang());
        WriteSkill("greet", Greet);
        using var process = Process.Start(Cli.CreateStartInfo(["mcp", "serve", Work("skills")]))!;
        try
        {
            var error = process.StandardError.ReadToEndAsync(Ct);
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            foreach (var line in new[]
            {
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""",
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
                """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"who":"Ada"}}}""",
            })
            {
                await process.StandardInput.WriteLineAsync(line.AsMemory(), Ct);
            }

            await process.StandardInput.FlushAsync(Ct);
            await server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            process.StandardInput.Close();

            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            await server.AbortObserved.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("skillrt: the call of greet was cancelled by the client (a cancellation, or it disconnected); the run was stopped.", await error, StringComparison.Ordinal);
            Assert.DoesNotContain("\"id\":2", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task With_no_argument_the_installed_skills_are_served_highest_version_first()
    {
        WriteSkill("greet", Greet);
        WriteSkill("greet2", Greet.Replace("version: 1.0.0", "version: 1.1.0", StringComparison.Ordinal).Replace("Greets someone", "Greets anyone", StringComparison.Ordinal));
        foreach (var folder in new[] { "greet", "greet2" })
        {
            var installed = await Cli.RunAsync("install", Path.Combine(Work("skills"), folder));
            Assert.True(installed.ExitCode == 0, installed.ToString());
        }

        await using var mcp = await McpServeSession.StartAsync(Cli, [], Ct);

        var tool = Assert.Single(await mcp.Client.ListToolsAsync(cancellationToken: Ct));
        Assert.Equal("Greets anyone by name. (skill greet 1.1.0)", tool.Description);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    internal static void AssertJsonEqual(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"expected {expected}\nactual   {actual}");
    }

    /// <summary>Keeps the first progress notification of a call.</summary>
    private sealed class FirstProgress : IProgress<ProgressNotificationValue>
    {
        private readonly TaskCompletionSource<ProgressNotificationValue> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ProgressNotificationValue> First => _first.Task;

        public void Report(ProgressNotificationValue value) => _first.TrySetResult(value);
    }
}
