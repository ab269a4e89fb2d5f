using System;
using System.Threading.Tasks;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>What happens where there is no usable sandbox, with and without <see cref="SkillRunnerOptions.RequireSandbox"/>.</summary>
public sealed class SandboxAvailabilityTests
{
    [Fact]
    public async Task Requiring_a_sandbox_where_there_is_none_refuses_to_start_the_process()
    {
        using var folder = new SandboxTestFolder();
        var logger = new RecordingLogger();
        await using var sandbox = new ProcessSandbox(requireSandbox: true, logger, bubblewrapPath: null, socatPath: null);

        var error = await Assert.ThrowsAsync<SkillSandboxException>(() => sandbox.RunAsync(Start(folder), TestContext.Current.CancellationToken));

        Assert.Equal("strict", error.SkillName);
        Assert.Contains("RequireSandbox is set", error.Message, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("Skill 'strict' cannot run its process in a sandbox: bubblewrap is not installed; install it (apt-get install bubblewrap). SkillRunnerOptions.RequireSandbox is set, so the process does not run without one.", error.Message);
        }

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task A_bubblewrap_that_cannot_create_namespaces_counts_as_no_sandbox()
    {
        SandboxTools.RequireUnix();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "bubblewrap sandboxes run on Linux only");
        using var folder = new SandboxTestFolder();
        var logger = new RecordingLogger();

        // /bin/false stands for a bwrap that a locked-down container stops: it fails the probe.
        await using (var strict = new ProcessSandbox(requireSandbox: true, logger, "/bin/false", socatPath: null))
        {
            var error = await Assert.ThrowsAsync<SkillSandboxException>(() => strict.RunAsync(Start(folder), TestContext.Current.CancellationToken));
            Assert.Contains("bubblewrap cannot create a sandbox here (exit code 1)", error.Message, StringComparison.Ordinal);
        }

        await using var lenient = new ProcessSandbox(requireSandbox: false, logger, "/bin/false", socatPath: null);
        var result = await lenient.RunAsync(Start(folder), TestContext.Current.CancellationToken);
        Assert.Equal(SandboxKind.EnvironmentOnly, result.Sandbox);
        Assert.Equal("ran\n", result.StandardOutput);
        Assert.Contains(logger.Entries, entry => entry.Id.Id == 202);
    }

    private static SandboxedProcessStart Start(SandboxTestFolder folder) => new()
    {
        SkillName = "strict",
        Program = OperatingSystem.IsWindows() ? "cmd" : "sh",
        Arguments = OperatingSystem.IsWindows() ? ["/c", "echo ran"] : ["-c", "echo ran"],
        WorkingDirectory = folder.Work,
    };
}
