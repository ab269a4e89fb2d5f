using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary>
/// <c>run_tool</c> and <c>run_script</c>: only declared tools and the skill's own scripts, through
/// the real <see cref="SkillRt.Sandboxing.ProcessSandbox"/>. Tests that start a process skip while
/// the sandbox is not implemented.
/// </summary>
public sealed class ProcessToolsTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private static async Task<JsonElement> RunAsync(AIFunction tool, string arguments)
    {
        try
        {
            return (JsonElement)(await ToolFixture.CallAsync(tool, arguments))!;
        }
        catch (NotImplementedException exception) when (exception.StackTrace?.Contains("ProcessSandbox", StringComparison.Ordinal) == true)
        {
            Assert.Skip("ProcessSandbox is not implemented yet.");
            throw;
        }
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Run_tool_refuses_undeclared_programs()
    {
        var tool = ToolFixture.Tool(_fixture.Context(tools: ["echo"]), "run_tool");

        var denied = await ToolFixture.DeniedAsync(tool, "{\"name\":\"rm\",\"args\":[\"-rf\",\"/\"]}", "tool");
        await ToolFixture.DeniedAsync(tool, "{\"name\":\"/bin/echo\"}", "tool");
        await ToolFixture.DeniedAsync(tool, "{\"name\":\"ECHO\"}", "tool");
        await ToolFixture.DeniedAsync(tool, "{\"name\":\"echo hi\"}", "tool");

        Assert.Equal("'rm' is not in dependencies.tools of skill 'tool-test' (allowed: echo).", denied.Message);
    }

    [Fact]
    public async Task Run_tool_needs_a_name()
    {
        var tool = ToolFixture.Tool(_fixture.Context(tools: ["echo"]), "run_tool");

        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{}"));
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{\"name\":\"echo\",\"args\":[{}]}"));
    }

    [Fact]
    public async Task Run_tool_runs_a_declared_program()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "echo is a shell builtin on Windows");
        var tool = ToolFixture.Tool(_fixture.Context(tools: ["echo"]), "run_tool");

        var result = await RunAsync(tool, "{\"name\":\"echo\",\"args\":[\"hello\",\"a b\",3]}");

        Assert.Equal(0, result.GetProperty("exit_code").GetInt32());
        Assert.Equal("hello a b 3\n", result.GetProperty("stdout").GetString());
        Assert.Equal(string.Empty, result.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task Run_tool_reports_a_failing_exit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix programs");
        var tool = ToolFixture.Tool(_fixture.Context(tools: ["ls"]), "run_tool");

        var result = await RunAsync(tool, "{\"name\":\"ls\",\"args\":[\"/no/such/folder\"]}");

        Assert.NotEqual(0, result.GetProperty("exit_code").GetInt32());
        Assert.NotEqual(string.Empty, result.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task Run_script_runs_a_script_by_its_extension()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sh");
        _fixture.Write("skill/scripts/hello.sh", "echo \"hello $1\"\n");
        var tool = ToolFixture.Tool(_fixture.Context(), "run_script");

        var result = await RunAsync(tool, "{\"name\":\"hello.sh\",\"args\":[\"world\"]}");

        Assert.Equal(0, result.GetProperty("exit_code").GetInt32());
        Assert.Equal("hello world\n", result.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Run_script_runs_an_executable_script_directly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "execute bits");
        var script = _fixture.Write("skill/scripts/nested/tool", "#!/bin/sh\necho \"direct $#\"\n");
        MakeExecutable(script);
        var tool = ToolFixture.Tool(_fixture.Context(), "run_script");

        var result = await RunAsync(tool, "{\"name\":\"scripts/nested/tool\",\"args\":[\"a\",\"b\"]}");

        Assert.Equal("direct 2\n", result.GetProperty("stdout").GetString());
    }

    [Theory]
    [InlineData("../SKILL.md")]
    [InlineData("../references/x.sh")]
    [InlineData("/bin/sh")]
    [InlineData("scripts/../../work/evil.sh")]
    [InlineData("nested/../../SKILL.md")]
    public async Task Run_script_refuses_anything_outside_scripts(string name)
    {
        _fixture.Write("skill/SKILL.md", "---\nname: tool-test\n---\n");
        _fixture.Write("skill/scripts/ok.sh", "echo ok");
        _fixture.Write("skill/references/x.sh", "echo x");
        _fixture.Write("work/evil.sh", "echo evil");
        var tool = ToolFixture.Tool(_fixture.Context(), "run_script");

        var denied = await ToolFixture.DeniedAsync(tool, "{\"name\":" + ToolFixture.Json(name) + "}", "filesystem");

        Assert.Contains("scripts/", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_script_refuses_a_link_out_of_scripts()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var evil = _fixture.Write("work/evil.sh", "echo evil");
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "scripts"));
        File.CreateSymbolicLink(Path.Combine(_fixture.SkillDirectory, "scripts", "link.sh"), evil);
        var tool = ToolFixture.Tool(_fixture.Context(), "run_script");

        await ToolFixture.DeniedAsync(tool, "{\"name\":\"link.sh\"}", "filesystem");
    }

    [Fact]
    public async Task Run_script_of_a_missing_script_lists_the_scripts()
    {
        _fixture.Write("skill/scripts/ok.sh", "echo ok");
        var tool = ToolFixture.Tool(_fixture.Context(), "run_script");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ToolFixture.CallAsync(tool, "{\"name\":\"nope.sh\"}"));

        Assert.Equal("The skill has no script 'nope.sh' (scripts: ok.sh).", error.Message);
    }

    [Fact]
    public void Interpreters_are_picked_by_extension_for_files_that_are_not_executable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "execute bits");
        var python = _fixture.Write("skill/scripts/a.py", "print(1)");
        var node = _fixture.Write("skill/scripts/b.js", "console.log(1)");
        var shell = _fixture.Write("skill/scripts/c.sh", "echo 1");
        var plain = _fixture.Write("skill/scripts/d.txt", "x");

        Assert.Equal($"python3 {python} x", Show(RunScriptTool.Command(python, ["x"])));
        Assert.Equal($"node {node}", Show(RunScriptTool.Command(node, [])));
        Assert.Equal($"sh {shell}", Show(RunScriptTool.Command(shell, [])));
        Assert.Throws<InvalidOperationException>(() => RunScriptTool.Command(plain, []));

        MakeExecutable(python);
        Assert.Equal($"{python} x", Show(RunScriptTool.Command(python, ["x"])));

        static string Show((string Program, System.Collections.Generic.IReadOnlyList<string> Arguments) command) =>
            string.Join(' ', [command.Program, .. command.Arguments]);
    }
}
