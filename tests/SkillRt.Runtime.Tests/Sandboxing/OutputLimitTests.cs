using System;
using System.Threading.Tasks;
using SkillRt.Execution;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>Issue 14 item 10: a process skill's output cut at the capture limit is an error unless the skill allows it.</summary>
public sealed class OutputLimitTests
{
    private static readonly ProcessLimits SmallOutput = ProcessLimits.Default with { MaxOutputBytes = 1000 };

    private static string Skill(bool allowTruncatedOutput) => $"""
        name: chatty
        runtime:
          type: process
          command: [sh, scripts/chatty.sh]
        {(allowTruncatedOutput ? "  allow-truncated-output: true" : string.Empty)}
        outputs:
          type: text
        """;

    [Fact]
    public async Task Output_over_the_limit_fails_the_run_naming_the_limit_and_how_to_raise_it()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("chatty.sh", """
            head -c 5000 /dev/zero | tr '\0' x
            """);
        var skill = await folder.SkillAsync(Skill(allowTruncatedOutput: false));
        await using var sandbox = SandboxTools.Sandboxed();

        var error = await Assert.ThrowsAsync<SkillProcessException>(() => folder.RunAsync(skill, "{}", sandbox, limits: SmallOutput));

        Assert.Equal(SkillResourceLimit.Output, error.LimitExceeded);
        Assert.Equal(0, error.ExitCode);
        Assert.Contains("wrote more than 1000 bytes to standard output", error.Message, StringComparison.Ordinal);
        Assert.Contains("SkillRunnerOptions.MaxProcessOutputBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("runtime.allow-truncated-output: true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_that_allows_truncation_gets_the_start_of_its_output_and_a_warning()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("chatty.sh", """
            head -c 5000 /dev/zero | tr '\0' x
            """);
        var skill = await folder.SkillAsync(Skill(allowTruncatedOutput: true));
        Assert.True(skill.Descriptor.Runtime.AllowTruncatedOutput);
        await using var sandbox = SandboxTools.Sandboxed();
        var state = new SkillRunState();

        var output = await folder.RunAsync(skill, "{}", sandbox, state: state, limits: SmallOutput);

        Assert.Equal(new string('x', 1000), output.GetString());
        var warning = Assert.Single(state.Warnings);
        Assert.Contains("longer than 1000 bytes and was cut there", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_exactly_at_the_limit_is_not_truncated()
    {
        SandboxTools.RequireBubblewrap();
        using var folder = new SandboxTestFolder();
        folder.Script("chatty.sh", """
            head -c 1000 /dev/zero | tr '\0' x
            """);
        var skill = await folder.SkillAsync(Skill(allowTruncatedOutput: false));
        await using var sandbox = SandboxTools.Sandboxed();
        var state = new SkillRunState();

        var output = await folder.RunAsync(skill, "{}", sandbox, state: state, limits: SmallOutput);

        Assert.Equal(1000, output.GetString()!.Length);
        Assert.Empty(state.Warnings);
    }
}
