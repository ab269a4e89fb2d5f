using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>Time limits, cancellation and output limits: a stopped process leaves nothing running.</summary>
public sealed class SandboxLifetimeTests
{
    // Starts a child sleep and waits on another, writing both ids (as this shell sees them) first.
    private const string SleepScript = """
        cat >/dev/null
        sleep $1 &
        echo "$$ $!" > state/pids
        sleep $1
        """;

    private const string SleepSkill = """
        name: sleeper
        runtime:
          type: process
          command: [sh, scripts/sleep.sh, "MARKER"]
        outputs:
          type: text
        permissions:
          filesystem: [./state/**]
        """;

    /// <summary>Waits until the script's two sleeps run and the process's time limit is set.</summary>
    private static async Task BothSleepsStartedAsync(string marker, ManualClock clock)
    {
        Assert.True(await SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith("sleep " + marker).Count == 2, SandboxTools.Patience), "both sleeps started");
        await clock.FirstTimerCreated.WaitAsync(SandboxTools.Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_process_past_its_time_limit_is_stopped_with_its_children()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        var marker = SandboxTools.Marker();
        folder.Script("sleep.sh", SleepScript);
        var skill = await folder.SkillAsync(SleepSkill.Replace("MARKER", marker, StringComparison.Ordinal));
        await using var sandbox = SandboxTools.Sandboxed();
        var clock = new ManualClock();

        // The limit is reached when both sleeps run and the limit is set, not after a second that a busy machine may spend starting bwrap.
        var run = folder.RunAsync(skill, "\"go\"", sandbox, timeout: TimeSpan.FromSeconds(1), clock: clock);
        await BothSleepsStartedAsync(marker, clock);
        clock.Expire();
        var error = await Assert.ThrowsAsync<SkillProcessException>(() => run);

        Assert.True(error.TimedOut);
        Assert.Null(error.ExitCode);
        Assert.StartsWith("The process of skill 'sleeper' (sh) took longer than 1 s and was stopped", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Work, "state", "pids")), "the script ran before it was stopped");
        Assert.True(await SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith(marker).Count == 0, SandboxTools.Patience), "a sleep is still running");
    }

    [Fact]
    public async Task A_cancelled_run_stops_the_process_with_its_children()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        var marker = SandboxTools.Marker();
        folder.Script("sleep.sh", SleepScript);
        var skill = await folder.SkillAsync(SleepSkill.Replace("MARKER", marker, StringComparison.Ordinal));
        await using var sandbox = SandboxTools.Sandboxed();
        using var cancellation = new CancellationTokenSource();

        var run = folder.RunAsync(skill, "\"go\"", sandbox, cancellationToken: cancellation.Token);
        Assert.True(await SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith("sleep " + marker).Count == 2, SandboxTools.Patience), "both sleeps started");
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(await SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith(marker).Count == 0, SandboxTools.Patience), "a sleep is still running");
    }

    [Fact]
    public async Task Without_a_sandbox_a_timeout_still_kills_the_whole_process_tree()
    {
        SandboxTools.RequireUnix();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the check reads /proc");
        using var folder = new SandboxTestFolder();
        var marker = SandboxTools.Marker();
        folder.Script("sleep.sh", SleepScript);
        Directory.CreateDirectory(Path.Combine(folder.Work, "state"));
        var skill = await folder.SkillAsync(SleepSkill.Replace("MARKER", marker, StringComparison.Ordinal));
        await using var sandbox = SandboxTools.Unsandboxed();
        var clock = new ManualClock();

        var run = folder.RunAsync(skill, "\"go\"", sandbox, timeout: TimeSpan.FromSeconds(1), clock: clock);
        await BothSleepsStartedAsync(marker, clock);
        clock.Expire();
        var error = await Assert.ThrowsAsync<SkillProcessException>(() => run);

        Assert.True(error.TimedOut);
        var pids = File.ReadAllText(Path.Combine(folder.Work, "state", "pids")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        Assert.Equal(2, pids.Length);
        Assert.True(await SandboxTools.EventuallyAsync(() => !pids.Any(SandboxTools.IsRunning), SandboxTools.Patience), "the script or its child is still running");
        Assert.Empty(SandboxTools.ProcessesWith(marker));
    }

    [Fact]
    public async Task A_sandboxed_process_outlives_the_thread_that_started_it()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        await using var sandbox = SandboxTools.Sandboxed();
        var marker = SandboxTools.Marker().Replace("30.", "3.", StringComparison.Ordinal);
        var start = new SandboxedProcessStart { SkillName = "patient", Program = "sh", Arguments = ["-c", $"sleep {marker}; echo still here"], WorkingDirectory = folder.Work };
        await sandbox.RunAsync(new SandboxedProcessStart { SkillName = "patient", Program = "true", WorkingDirectory = folder.Work }, TestContext.Current.CancellationToken);

        // --die-with-parent follows the thread that started bwrap; this one ends once the sandboxed sleep is running.
        Task<SandboxedProcessResult>? run = null;
        var thread = new Thread(() =>
        {
            run = sandbox.RunAsync(start, TestContext.Current.CancellationToken);
            SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith("sleep " + marker).Count > 0, SandboxTools.Patience).GetAwaiter().GetResult();
        });
        thread.Start();
        thread.Join();
        var result = await run!;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("still here\n", result.StandardOutput);
    }

    [Fact]
    public async Task Large_outputs_are_read_without_blocking_and_kept_within_their_limits()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("loud.sh", """
            cat >/dev/null
            head -c 300000 /dev/zero | tr '\0' o
            head -c 200000 /dev/zero | tr '\0' e >&2
            echo ' the end' >&2
            """);
        await using var sandbox = SandboxTools.Sandboxed();

        var result = await sandbox.RunAsync(new SandboxedProcessStart
        {
            SkillName = "loud",
            Program = "sh",
            Arguments = [Path.Combine(folder.Skill, "scripts", "loud.sh")],
            WorkingDirectory = folder.Work,
            SkillDirectory = folder.Skill,
            StandardInput = Encoding.UTF8.GetBytes(new string('i', 500_000)),
            MaxOutputBytes = 1000,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.OutputTruncated);
        Assert.Equal(new string('o', 1000), result.StandardOutput);
        Assert.Equal(ProcessSandbox.StandardErrorTailBytes, result.StandardError.Length);
        Assert.EndsWith("eee the end\n", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_ignores_its_input_is_not_an_error()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        await using var sandbox = SandboxTools.Sandboxed();

        var result = await sandbox.RunAsync(new SandboxedProcessStart
        {
            SkillName = "quiet",
            Program = "true",
            WorkingDirectory = folder.Work,
            StandardInput = new byte[1_000_000],
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
    }
}
