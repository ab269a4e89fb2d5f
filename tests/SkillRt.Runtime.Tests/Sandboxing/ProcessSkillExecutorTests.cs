using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Execution;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary><c>runtime.type: process</c> skills: input JSON on stdin, output read from stdout by the contract.</summary>
public sealed class ProcessSkillExecutorTests
{
    private const string EchoSkill = """
        name: echo
        version: 1.0.0
        description: Echoes its input.
        runtime:
          type: process
          command: [sh, scripts/echo.sh]
        inputs:
          - name: text
            type: string
            required: true
        outputs:
          type: json
          schema:
            type: object
            required: [input, words]
            additionalProperties: false
            properties:
              input: {type: object}
              words: {type: integer, minimum: 1}
        """;

    [Fact]
    public async Task Input_goes_to_stdin_as_json_and_stdout_is_the_validated_output()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("echo.sh", """
            input=$(cat)
            printf '{"input":%s,"words":2}\n' "$input"
            """);
        var skill = await folder.SkillAsync(EchoSkill);
        var state = new SkillRunState();
        await using var sandbox = SandboxTools.Sandboxed();

        var output = await folder.RunAsync(skill, """{"text":"hello world"}""", sandbox, state: state);

        Assert.Equal("hello world", output.GetProperty("input").GetProperty("text").GetString());
        Assert.Equal(2, output.GetProperty("words").GetInt32());
        Assert.Equal(1, state.Attempts);
    }

    [Fact]
    public async Task Stdout_that_breaks_the_contract_is_an_output_error_with_the_raw_output()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("echo.sh", """
            cat >/dev/null
            echo '{"input":{},"words":0}'
            """);
        var skill = await folder.SkillAsync(EchoSkill);
        await using var sandbox = SandboxTools.Sandboxed();

        var error = await Assert.ThrowsAsync<SkillOutputException>(() => folder.RunAsync(skill, """{"text":"x"}""", sandbox));

        Assert.Equal("echo", error.SkillName);
        Assert.Equal("{\"input\":{},\"words\":0}\n", error.RawOutput);
        Assert.Contains(error.Violations, violation => violation.Pointer == "/words");

        folder.Script("echo.sh", "echo 'not json'");
        error = await Assert.ThrowsAsync<SkillOutputException>(() => folder.RunAsync(skill, """{"text":"x"}""", sandbox));
        Assert.Equal("not json\n", error.RawOutput);
        Assert.NotEmpty(error.Violations);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_process_error_with_the_exit_code_and_stderr()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("echo.sh", """
            echo 'partial output'
            echo 'error: the repository was not found' >&2
            echo 'hint: check the URL' >&2
            exit 3
            """);
        var skill = await folder.SkillAsync(EchoSkill);
        await using var sandbox = SandboxTools.Sandboxed();

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, """{"text":"x"}""", sandbox));

        Assert.Equal(3, error.ExitCode);
        Assert.False(error.TimedOut);
        Assert.Equal("echo", error.SkillName);
        Assert.Equal("error: the repository was not found\nhint: check the URL\n", error.StandardError);
        Assert.Equal("The process of skill 'echo' exited with code 3. Standard error:\n  error: the repository was not found\n  hint: check the URL", error.Message);
    }

    [Fact]
    public async Task A_skill_without_declared_inputs_gets_its_task_as_a_json_string_and_text_output_is_the_text()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("shout", """
            #!/bin/sh
            input=$(cat)
            printf 'got %s\n' "$input"
            """);
        var skill = await folder.SkillAsync("""
            name: shout
            runtime:
              type: process
              command: scripts/shout
            outputs:
              type: text
            """);
        await using var sandbox = SandboxTools.Sandboxed();

        var output = await folder.RunAsync(skill, "\"Summarize \\\"notes\\\"\"", sandbox);

        Assert.Equal("got \"Summarize \\\"notes\\\"\"", output.GetString());
    }

    [Fact]
    public async Task A_file_output_is_a_path_relative_to_the_working_folder()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("report.sh", """
            cat >/dev/null
            echo '# Report' > out/report.md
            echo out/report.md
            """);
        var skill = await folder.SkillAsync("""
            name: report
            runtime:
              type: process
              command: [sh, scripts/report.sh]
            inputs: []
            outputs:
              type: file
            permissions:
              filesystem: [./out/**]
            """);
        await using var sandbox = SandboxTools.Sandboxed();

        var output = await folder.RunAsync(skill, "{}", sandbox);

        Assert.Equal(Path.Combine(folder.Work, "out", "report.md"), output.GetString());
        Assert.Equal("# Report\n", File.ReadAllText(Path.Combine(folder.Work, "out", "report.md")));
    }

    [Fact]
    public async Task A_missing_program_is_named_in_the_error()
    {
        SandboxTools.RequireUnix();
        using var folder = new SandboxTestFolder();
        var skill = await folder.SkillAsync("""
            name: missing
            runtime:
              type: process
              command: [skillrt-no-such-program, --flag]
            """);
        await using var sandbox = SandboxTools.Unsandboxed();

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "\"go\"", sandbox));
        Assert.Equal($"Skill 'missing': the program 'skillrt-no-such-program' was not found on PATH ({SkillRt.Sandboxing.SandboxEnvironment.SearchPath([])}); install it or fix the skill's command.", error.Message);
        Assert.Null(error.ExitCode);

        skill = await folder.SkillAsync("""
            name: missing-script
            runtime:
              type: process
              command: scripts/nothing.py
            """);
        error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "\"go\"", sandbox));
        Assert.StartsWith("Skill 'missing-script': the program 'scripts/nothing.py' was not found (looked for " + Path.Combine(folder.Skill, "scripts", "nothing.py"), error.Message, StringComparison.Ordinal);

        folder.Script("nothing.py", "print(1)", executable: false);
        error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "\"go\"", sandbox));
        Assert.Contains("is not executable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_sandbox_the_skill_still_runs_with_a_filtered_environment()
    {
        SandboxTools.RequireUnix();
        using var folder = new SandboxTestFolder();
        folder.Script("echo.sh", """
            input=$(cat)
            printf '{"input":%s,"words":%s}\n' "$input" "${#HOME}"
            """);
        var skill = await folder.SkillAsync(EchoSkill);
        var logger = new RecordingLogger();
        await using var sandbox = SandboxTools.Unsandboxed(logger);

        var output = await folder.RunAsync(skill, """{"text":"hi"}""", sandbox);
        await folder.RunAsync(skill, """{"text":"again"}""", sandbox);

        Assert.Equal("hi", output.GetProperty("input").GetProperty("text").GetString());
        Assert.True(output.GetProperty("words").GetInt32() > 1, "HOME is the private temporary folder");
        var warning = Assert.Single(logger.Entries, entry => entry.Id.Id == 202);
        Assert.Contains(OperatingSystem.IsLinux() ? "bubblewrap (bwrap) is not on PATH" : "on Linux only", warning.Message, StringComparison.Ordinal);
    }
}
