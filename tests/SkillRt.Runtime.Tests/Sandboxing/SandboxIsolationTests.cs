using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary><c>permissions.env</c> and <c>permissions.filesystem</c> under bubblewrap: only what is listed is there.</summary>
public sealed class SandboxIsolationTests
{
    [Fact]
    public async Task Only_declared_environment_variables_reach_the_process()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("env.sh", """
            cat >/dev/null
            printf 'secret=%s visible=%s home=%s tmp=%s path=%s lang=%s\n' "${SKILLRT_TEST_SECRET-unset}" "${SKILLRT_TEST_VISIBLE-unset}" "$HOME" "$TMPDIR" "$PATH" "${LANG-unset}"
            """);
        var skill = await folder.SkillAsync("""
            name: env
            runtime:
              type: process
              command: [sh, scripts/env.sh]
            outputs:
              type: text
            permissions:
              env: [SKILLRT_TEST_VISIBLE, SKILLRT_TEST_ABSENT]
            """);
        Environment.SetEnvironmentVariable("SKILLRT_TEST_SECRET", "s3cret");
        Environment.SetEnvironmentVariable("SKILLRT_TEST_VISIBLE", "shown");
        await using var sandbox = SandboxTools.Sandboxed();

        var output = (await folder.RunAsync(skill, "\"go\"", sandbox)).GetString()!;

        Assert.StartsWith("secret=unset visible=shown home=/tmp tmp=/tmp path=/usr/local/bin:/usr/bin:/bin lang=", output, StringComparison.Ordinal);
        Assert.DoesNotContain("lang=unset", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_declared_paths_are_visible_and_read_rules_are_read_only()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.WriteFile("work/data/in.txt", "input data");
        folder.WriteFile("work/private.txt", "not declared");
        var secret = folder.WriteFile("secret.txt", "outside every glob");
        folder.Script("files.sh", $$"""
            cat >/dev/null
            check() { if eval "$2" >/dev/null 2>&1; then echo "$1=yes"; else echo "$1=no"; fi; }
            check read-declared 'cat data/in.txt'
            check read-outside 'cat {{secret}}'
            check read-undeclared-in-working-folder 'cat private.txt'
            check write-read-only 'echo x > data/new.txt'
            check write-declared 'echo result > out/result.txt'
            check read-own-script 'cat {{folder.Skill}}/scripts/files.sh'
            check write-own-script 'echo x >> {{folder.Skill}}/scripts/files.sh'
            check home-writable 'echo x > $HOME/scratch'
            check system-writable 'touch /usr/skillrt-test'
            """);
        var skill = await folder.SkillAsync("""
            name: files
            runtime:
              type: process
              command: [bash, scripts/files.sh]
            outputs:
              type: text
            permissions:
              filesystem:
                - path: ./data/**
                  access: read
                - ./out/**
            """);
        await using var sandbox = SandboxTools.Sandboxed();

        var output = (await folder.RunAsync(skill, "\"go\"", sandbox)).GetString()!;

        Assert.Equal(
            string.Join('\n',
                "read-declared=yes",
                "read-outside=no",
                "read-undeclared-in-working-folder=no",
                "write-read-only=no",
                "write-declared=yes",
                "read-own-script=yes",
                "write-own-script=no",
                "home-writable=yes",
                "system-writable=no"),
            output);
        Assert.Equal("result\n", File.ReadAllText(Path.Combine(folder.Work, "out", "result.txt")));
        Assert.False(File.Exists(Path.Combine(folder.Work, "data", "new.txt")));
        Assert.False(File.Exists("/usr/skillrt-test"));
    }
}
