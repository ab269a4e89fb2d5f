using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>
/// What happens where there is no usable sandbox: by default the process is refused, saying why;
/// only <see cref="SkillRunnerOptions.UnsafeAllowUnsandboxedProcesses"/> lets it run unconfined.
/// </summary>
public sealed class SandboxAvailabilityTests
{
    [Fact]
    public void Runners_refuse_unsandboxed_processes_unless_told_otherwise()
    {
        Assert.False(new SkillRunnerOptions().UnsafeAllowUnsandboxedProcesses);
    }

    [Fact]
    public async Task Without_bubblewrap_the_process_is_refused_with_the_reason_and_what_to_do()
    {
        using var folder = new SandboxTestFolder();
        var logger = new RecordingLogger();
        var ran = Path.Combine(folder.Root, "ran");
        await using var sandbox = new ProcessSandbox(requireSandbox: true, logger, bubblewrapPath: null, socatPath: null);

        var error = await Assert.ThrowsAsync<SkillSandboxException>(() => sandbox.RunAsync(Start(folder, ran), TestContext.Current.CancellationToken));

        Assert.Equal("strict", error.SkillName);
        Assert.Contains("UnsafeAllowUnsandboxedProcesses (skillrt run --no-sandbox)", error.Message, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.StartsWith("Skill 'strict' cannot run its process in a sandbox: bubblewrap (bwrap) is not on PATH; install it (apt-get install bubblewrap", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("on Linux only", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(ran));
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task A_bubblewrap_that_cannot_create_namespaces_is_refused_with_its_own_error()
    {
        SandboxTools.RequireUnix();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "bubblewrap sandboxes run on Linux only");
        using var folder = new SandboxTestFolder();
        var logger = new RecordingLogger();
        var ran = Path.Combine(folder.Root, "ran");

        // Stands for a bwrap in a container or on a kernel that forbids user namespaces: it fails the
        // probe with the message bubblewrap prints there.
        var bubblewrap = folder.WriteFile("fake-bwrap/bwrap", """
            #!/bin/sh
            echo "bwrap: No permissions to create a new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2
            exit 1
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bubblewrap, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        await using (var strict = new ProcessSandbox(requireSandbox: true, logger, bubblewrap, socatPath: null))
        {
            var error = await Assert.ThrowsAsync<SkillSandboxException>(() => strict.RunAsync(Start(folder, ran), TestContext.Current.CancellationToken));
            Assert.Contains(
                "bubblewrap cannot create a sandbox here (bwrap: No permissions to create a new namespace, likely because the kernel does not allow non-privileged user namespaces.)",
                error.Message,
                StringComparison.Ordinal);
            Assert.Contains("UnsafeAllowUnsandboxedProcesses", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(ran));
        }

        await using var lenient = new ProcessSandbox(requireSandbox: false, logger, bubblewrap, socatPath: null);
        var result = await lenient.RunAsync(Start(folder, ran), TestContext.Current.CancellationToken);
        Assert.Equal(SandboxKind.EnvironmentOnly, result.Sandbox);
        Assert.Equal("ran\n", result.StandardOutput);
        Assert.True(File.Exists(ran));
        Assert.Contains(logger.Entries, entry => entry.Id.Id == 202 && entry.Message.Contains("No permissions to create a new namespace", StringComparison.Ordinal));
    }

    private static SandboxedProcessStart Start(SandboxTestFolder folder, string marker) => new()
    {
        SkillName = "strict",
        Program = OperatingSystem.IsWindows() ? "cmd" : "sh",
        Arguments = OperatingSystem.IsWindows() ? ["/c", $"echo ran> \"{marker}\" & echo ran"] : ["-c", $"echo ran > '{marker}'; echo ran"],
        WorkingDirectory = folder.Work,
    };
}
