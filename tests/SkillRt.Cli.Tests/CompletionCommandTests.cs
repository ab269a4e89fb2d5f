using System;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>Shell completion: the scripts, and the <c>[suggest]</c> directive they call back into.</summary>
public sealed class CompletionCommandTests : IDisposable
{
    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("bash", "complete -o default -F _skillrt_complete skillrt")]
    [InlineData("zsh", "compdef _skillrt_complete skillrt")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName skillrt")]
    public async Task Each_shell_gets_a_script_that_asks_skillrt_for_suggestions(string shell, string registration)
    {
        var result = await _cli.RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggest_directive_completes_commands_and_options()
    {
        var commands = await _cli.RunAsync("[suggest:11]", "skillrt unins");
        Assert.Equal("uninstall\n", commands.Output);

        // The shell filters by prefix; skill offers the command's own options, and only those.
        var options = await _cli.RunAsync("[suggest:21]", "skillrt install --for");
        Assert.Equal("--force\n--format\n", options.Output);
        var runOptions = await _cli.RunAsync("[suggest:19]", "skillrt where --for");
        Assert.Equal("", runOptions.Output.Trim());
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var result = await _cli.RunAsync("completion", "fish");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("skillrt: ", result.Error, StringComparison.Ordinal);
    }
}
