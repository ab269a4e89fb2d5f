using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>
/// One PATH: a program named by a bare name is looked up on the PATH the process runs with, so a
/// version manager's shim on the host's PATH (pyenv's <c>python3</c>) is never found and then fails
/// inside with exit 127. These tests change the process's PATH, so they share one class (run one at a time).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxProgramPathTests
{
    [Fact]
    public async Task A_bare_name_runs_the_program_on_the_process_path_not_a_shim_earlier_on_the_hosts()
    {
        SandboxTools.RequireBubblewrap();
        var systemPython = ProgramLocator.FindOnPath("python3", SandboxEnvironment.SystemPath);
        Assert.SkipWhen(systemPython is null, "python3 is not installed in a system folder");
        using var folder = new SandboxTestFolder();
        var (shims, _) = Shim(folder, "python3");
        var skill = await folder.SkillAsync("""
            name: which-python
            runtime:
              type: process
              command: [python3, -c, "import sys; print(sys.executable)"]
            outputs:
              type: text
            """);
        await using var sandbox = SandboxTools.Sandboxed();

        var output = await WithPathAsync(shims, () => folder.RunAsync(skill, "\"go\"", sandbox));

        Assert.Equal(systemPython, output.GetString());
    }

    [Fact]
    public async Task A_program_only_on_the_hosts_path_fails_before_it_starts_naming_it_and_what_to_do()
    {
        SandboxTools.RequireUnix();
        using var folder = new SandboxTestFolder();
        var name = "skillrt-tool-" + Guid.NewGuid().ToString("N")[..8];
        var (shims, ran) = Shim(folder, name);
        var skill = await folder.SkillAsync($$"""
            name: shimmed
            runtime:
              type: process
              command: [{{name}}]
            outputs:
              type: text
            """);

        foreach (var sandbox in (ProcessSandbox[])[SandboxTools.Unsandboxed(), .. SandboxTools.Bubblewrap is null ? Array.Empty<ProcessSandbox>() : [SandboxTools.Sandboxed()]])
        {
            await using (sandbox)
            {
                var error = await WithPathAsync(shims, () => Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "\"go\"", sandbox)));

                Assert.Null(error.ExitCode);
                Assert.StartsWith(
                    $"Skill 'shimmed': '{name}' is on the host's PATH at {Path.Combine(shims, name)}, which is not on the PATH the skill's processes run with ({SandboxEnvironment.SystemPath}), so it would not be the program that runs.",
                    error.Message,
                    StringComparison.Ordinal);
                Assert.Contains("list PATH in permissions.env", error.Message, StringComparison.Ordinal);
                Assert.False(File.Exists(ran));
            }
        }
    }

    [Fact]
    public async Task With_PATH_declared_a_shim_runs_when_the_folder_it_needs_is_granted_and_fails_visibly_when_not()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        var name = "skillrt-tool-" + Guid.NewGuid().ToString("N")[..8];
        var (shims, _) = Shim(folder, name);
        var real = Path.Combine(folder.Root, "manager");
        await using var sandbox = SandboxTools.Sandboxed();

        var granted = await folder.SkillAsync($$"""
            name: shimmed
            runtime:
              type: process
              command: [{{name}}, hello]
            outputs:
              type: text
            permissions:
              env: [PATH]
              filesystem:
                - path: {{real}}/**
                  access: read
            """);
        var output = await WithPathAsync(shims, () => folder.RunAsync(granted, "\"go\"", sandbox));
        Assert.Equal("real tool: hello", output.GetString());

        // Without the grant the shim starts (it is the program found) and cannot reach its interpreter:
        // the exit code says so instead of a silent success.
        var ungranted = await folder.SkillAsync($$"""
            name: shimmed
            runtime:
              type: process
              command: [{{name}}, hello]
            outputs:
              type: text
            permissions:
              env: [PATH]
            """);
        var error = await WithPathAsync(shims, () => Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(ungranted, "\"go\"", sandbox)));
        Assert.Equal(127, error.ExitCode);
    }

    /// <summary>
    /// Writes a pyenv-style shim, <c>shims/{name}</c>, that execs the real program in another folder
    /// (<c>manager/real-tool</c>), and returns the shim's folder and the file the real program touches.
    /// </summary>
    private static (string Shims, string Ran) Shim(SandboxTestFolder folder, string name)
    {
        var ran = Path.Combine(folder.Root, "ran");
        var real = folder.WriteFile("manager/real-tool", $$"""
            #!/bin/sh
            touch '{{ran}}' 2>/dev/null
            echo "real tool: $*"
            """);
        var shim = folder.WriteFile("shims/" + name, $$"""
            #!/bin/sh
            exec '{{real}}' "$@"
            """);
        foreach (var path in (string[])[real, shim])
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return (Path.GetDirectoryName(shim)!, ran);
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="folder"/> first on this process's PATH, as a pyenv user's PATH has its shims.</summary>
    private static async Task<T> WithPathAsync<T>(string folder, Func<Task<T>> action)
    {
        var previous = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", folder + Path.PathSeparator + previous);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", previous);
        }
    }
}
