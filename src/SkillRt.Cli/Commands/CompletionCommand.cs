using System.CommandLine;
using System.Threading.Tasks;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt completion bash|zsh|pwsh</c>: prints a script that asks <c>skillrt</c> itself for
/// completions through System.CommandLine's <c>[suggest:position]</c> directive, so completion
/// always matches the installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");

        var command = new Command("completion", "Print a shell completion script; add 'source <(skillrt completion bash)' to ~/.bashrc.")
        {
            shell,
        };
        command.SetAction((parseResult, _) =>
        {
            var script = parseResult.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => PowerShell,
            };
            return WriteAsync(parseResult.InvocationConfiguration.Output, script);
        });
        return command;
    }

    private static async Task<int> WriteAsync(System.IO.TextWriter output, string script)
    {
        await output.WriteAsync(script.Replace("\r\n", "\n", System.StringComparison.Ordinal)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private const string Bash = """
        # skillrt completion for bash: source <(skillrt completion bash)
        _skillrt_complete() {
            local IFS=$'\n'
            COMPREPLY=($(skillrt "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
        }
        complete -o default -F _skillrt_complete skillrt

        """;

    private const string Zsh = """
        # skillrt completion for zsh: source <(skillrt completion zsh)
        _skillrt_complete() {
            local -a candidates
            candidates=("${(@f)$(skillrt "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
            compadd -- $candidates
        }
        compdef _skillrt_complete skillrt

        """;

    private const string PowerShell = """
        # skillrt completion for PowerShell: skillrt completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName skillrt -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            skillrt "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
