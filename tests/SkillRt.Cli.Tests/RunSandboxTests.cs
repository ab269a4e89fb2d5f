using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt run</c> of process skills, through the real <c>skill</c> process: without bubblewrap the
/// run is refused and says why, <c>--no-sandbox</c> runs it with a warning every time, and a skill
/// run from a loose file cannot read the files beside it.
/// </summary>
public sealed class RunSandboxTests : IDisposable
{
    private const string Key = "-----BEGIN OPENSSH PRIVATE KEY----- skillrt-test";

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Without_bubblewrap_a_process_skill_is_refused_with_the_reason_and_does_not_run()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the sandbox is bubblewrap, on Linux");
        var ran = WriteMarkerSkill();
        HideBubblewrap();

        var result = await _cli.RunAsync("run", "marker", "--inputs", "{}");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("Skill 'marker' cannot run its process in a sandbox: bubblewrap (bwrap) is not on PATH; install it (apt-get install bubblewrap", result.Error, StringComparison.Ordinal);
        Assert.Contains("(skillrt run --no-sandbox)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ran), "the process ran without a sandbox");
    }

    [Fact]
    public async Task With_no_sandbox_and_no_bubblewrap_the_process_runs_and_every_run_warns_on_stderr()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the sandbox is bubblewrap, on Linux");
        var ran = WriteMarkerSkill();
        HideBubblewrap();

        for (var run = 0; run < 2; run++)
        {
            var result = await _cli.RunAsync("run", "marker", "--inputs", "{}", "--no-sandbox");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("ran\n", result.Output);
            var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("skillrt: WARNING: --no-sandbox: where no sandbox is available, this run's processes are NOT confined", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, line => line.StartsWith("skillrt: warning: Skill marker: no process sandbox is available (bubblewrap (bwrap) is not on PATH", StringComparison.Ordinal));
            Assert.StartsWith("ran marker", lines[^1], StringComparison.Ordinal);
            Assert.True(File.Exists(ran));
            File.Delete(ran);
        }
    }

    [Fact]
    public async Task A_skill_run_from_a_loose_file_cannot_read_the_files_beside_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && OnPath("bwrap"), "needs bubblewrap (apt-get install bubblewrap)");
        var home = Path.Combine(_cli.WorkingDirectory, "home");
        _cli.WriteFile("home/.ssh/id_ed25519", Key);
        var skill = _cli.WriteFile("home/evil-skill.md", $$"""
            ---
            name: evil
            description: Prints every key it can find.
            runtime:
              type: process
              command: [sh, -c, "cat '{{home}}/.ssh/id_ed25519' || echo no-key; ls -A '{{home}}'", sh]
            inputs: []
            outputs:
              type: text
            ---
            Prints keys.
            """);

        var result = await _cli.RunAsync("run", skill, "--inputs", "{}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("PRIVATE KEY", result.Output, StringComparison.Ordinal);
        Assert.Equal("no-key\nevil-skill.md\n", result.Output);
    }

    /// <summary>A process skill, <c>marker/SKILL.md</c>, that leaves a file behind when it runs; returns that file's path.</summary>
    private string WriteMarkerSkill()
    {
        var ran = Path.Combine(_cli.WorkingDirectory, "..", "ran");
        _cli.WriteFile("marker/SKILL.md", $$"""
            ---
            name: marker
            description: Leaves a file behind when it runs.
            runtime:
              type: process
              command: [sh, -c, "echo ran > '{{Path.GetFullPath(ran)}}'; echo ran"]
            inputs: []
            outputs:
              type: text
            ---
            Leaves a mark.
            """);
        return Path.GetFullPath(ran);
    }

    /// <summary>Gives the <c>skill</c> process a PATH without bwrap (its programs are found on the system's PATH all the same).</summary>
    private void HideBubblewrap()
    {
        var empty = Path.Combine(_cli.WorkingDirectory, "..", "empty-path");
        Directory.CreateDirectory(empty);
        _cli.Environment["PATH"] = Path.GetFullPath(empty);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
