using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Execution;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>
/// The attacks of issue 14 item 4 against real processes in a real sandbox: a fork loop, a 2 GB
/// allocation and a busy loop, each stopped at a small limit and reported as that limit.
/// </summary>
public sealed class ResourceLimitTests
{
    private static readonly ProcessLimits Small = new(MaxProcesses: 16, MaxMemoryBytes: 64L << 20, MaxCpuTime: TimeSpan.FromSeconds(1), MaxOutputBytes: 1 << 20);

    private static string Skill(string script) => $"""
        name: hostile
        runtime:
          type: process
          command: [sh, scripts/{script}]
        outputs:
          type: text
        """;

    [Fact]
    public async Task A_fork_loop_is_stopped_at_the_process_limit_and_the_run_says_so()
    {
        SandboxTools.RequireBubblewrap();
        RequireCgroup(limitsProcesses: true);
        using var folder = new SandboxTestFolder();
        var marker = SandboxTools.Marker();

        // dash gives up at the first failed fork ("Cannot fork"); each child sleeps, so they add up.
        folder.Script("fork.sh", $$"""
            i=0
            while [ $i -lt 1000 ]; do sleep {{marker}} & i=$((i+1)); done
            echo "started $i"
            """);
        var skill = await folder.SkillAsync(Skill("fork.sh"));
        await using var sandbox = SandboxTools.Sandboxed();

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "{}", sandbox, limits: Small));

        Assert.Equal(SkillResourceLimit.Processes, error.LimitExceeded);
        Assert.Contains("hit the process limit: it may run 16 processes", error.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunnerOptions.MaxProcesses", error.Message, StringComparison.Ordinal);
        Assert.Empty(SandboxTools.ProcessesWith(marker));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_2_GB_allocation_fails_under_a_smaller_memory_limit_and_is_reported_as_the_memory_limit(bool useCgroups)
    {
        SandboxTools.RequireBubblewrap();
        Assert.SkipWhen(ProgramLocator.Find("python3", null, "/") is null, "python3 is not installed");
        if (useCgroups)
        {
            RequireCgroup(limitsProcesses: false);
        }
        else
        {
            RequirePrlimit();
        }

        using var folder = new SandboxTestFolder();
        folder.Script("allocate.sh", """
            exec python3 -c 'block = bytearray(2 * 1024 ** 3); print(len(block))'
            """);
        var skill = await folder.SkillAsync(Skill("allocate.sh"));
        await using var sandbox = new ProcessSandbox(requireSandbox: true, NullLogger.Instance, SandboxTools.Bubblewrap, SandboxTools.Socat) { UseCgroups = useCgroups };

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "{}", sandbox, limits: Small));

        Assert.Equal(SkillResourceLimit.Memory, error.LimitExceeded);
        Assert.Contains("hit the memory limit of 64 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunnerOptions.MaxProcessMemoryBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_loop_is_killed_at_the_cpu_time_limit()
    {
        SandboxTools.RequireBubblewrap();
        RequirePrlimit();
        using var folder = new SandboxTestFolder();
        folder.Script("spin.sh", """
            while :; do :; done
            """);
        var skill = await folder.SkillAsync(Skill("spin.sh"));
        await using var sandbox = SandboxTools.Sandboxed();

        // The wall-clock limit is far above the CPU limit: the CPU limit must be what stops it.
        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "{}", sandbox, timeout: TimeSpan.FromMinutes(2), limits: Small));

        Assert.Equal(SkillResourceLimit.CpuTime, error.LimitExceeded);
        Assert.False(error.TimedOut);
        Assert.Contains("used its CPU time limit of 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunnerOptions.MaxProcessCpuTime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_sandbox_the_limits_still_apply()
    {
        SandboxTools.RequireUnix();
        RequirePrlimit();
        using var folder = new SandboxTestFolder();
        folder.Script("spin.sh", """
            while :; do :; done
            """);
        var skill = await folder.SkillAsync(Skill("spin.sh"));
        await using var sandbox = SandboxTools.Unsandboxed();

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "{}", sandbox, timeout: TimeSpan.FromMinutes(2), limits: Small));

        Assert.Equal(SkillResourceLimit.CpuTime, error.LimitExceeded);
    }

    [Fact]
    public async Task Disposing_the_limiter_kills_what_is_left_in_the_cgroup_and_removes_it()
    {
        SandboxTools.RequireUnix();
        RequireCgroup(limitsProcesses: true);
        var marker = SandboxTools.Marker();

        // A child that left its parent's tree (sh -c '... &' exits at once) is out of reach of a
        // process-tree kill, but not of its cgroup.
        var startInfo = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", $"sleep {marker} </dev/null >/dev/null 2>&1 & echo started"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var limiter = ResourceLimiter.Apply(startInfo, Small, "leftover", NullLogger.Instance);
        Assert.StartsWith("processes=cgroup", limiter.Enforcement, StringComparison.Ordinal);
        using (var process = System.Diagnostics.Process.Start(startInfo)!)
        {
            Assert.Equal("started", await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var groups = CgroupsOf(startInfo);
        Assert.NotEmpty(SandboxTools.ProcessesWith(marker));
        Assert.All(groups, group => Assert.True(Directory.Exists(group)));

        limiter.Dispose();

        Assert.True(await SandboxTools.EventuallyAsync(() => SandboxTools.ProcessesWith(marker).TrueForAll(pid => !SandboxTools.IsRunning(pid)), SandboxTools.Patience));
        Assert.All(groups, group => Assert.False(Directory.Exists(group)));
    }

    [Fact]
    public void Per_run_limits_override_the_runner_and_bad_values_name_the_setting()
    {
        var runner = new SkillRunnerOptions { MaxProcesses = 100, MaxProcessMemoryBytes = 1L << 28 };

        var limits = ProcessLimits.Resolve(runner, new SkillRunOptions { MaxProcesses = 7, MaxProcessCpuTime = TimeSpan.FromSeconds(2.5) });

        Assert.Equal(new ProcessLimits(7, 1L << 28, TimeSpan.FromSeconds(2.5), SkillRunnerOptions.DefaultMaxProcessOutputBytes), limits);
        Assert.Equal(3, limits.CpuSeconds);
        var error = Assert.Throws<ArgumentException>(() => ProcessLimits.Resolve(runner, new SkillRunOptions { MaxProcessMemoryBytes = 1000 }));
        Assert.StartsWith("SkillRunOptions.MaxProcessMemoryBytes is 1000; use 16777216 (16 MiB) or more", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "SkillRunnerOptions.MaxProcesses is 0; use 1 or more",
            string.Join(" ", Hosting.SkillRunnerOptionsValidator.Problems(new SkillRunnerOptions { MaxProcesses = 0 })),
            StringComparison.Ordinal);
    }

    private static void RequireCgroup(bool limitsProcesses)
    {
        using var probe = ResourceCgroup.TryCreate(Small, out var problem);
        Assert.SkipWhen(probe is null || (limitsProcesses ? !probe.LimitsProcesses : !probe.LimitsMemory), $"no writable cgroup here ({problem}); the rlimit fallback is tested instead");
    }

    private static void RequirePrlimit() =>
        Assert.SkipWhen(ProgramLocator.Find("prlimit", null, "/") is null, "prlimit (util-linux) is not installed");

    /// <summary>The cgroup folders a wrapped start joins: the arguments that name a <c>cgroup.procs</c> file.</summary>
    private static string[] CgroupsOf(System.Diagnostics.ProcessStartInfo startInfo) =>
        [.. startInfo.ArgumentList.Where(argument => argument.EndsWith("/cgroup.procs", StringComparison.Ordinal)).Select(argument => Path.GetDirectoryName(argument)!)];
}
