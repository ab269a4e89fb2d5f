using System.CommandLine;
using System.Linq;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Commands;

namespace SkillRt.Cli;

/// <summary>Builds the <c>skill</c> command tree; writers are injected so tests run it in-process.</summary>
internal static class SkillCommandLine
{
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("SkillRt: typed AI-agent skills (SKILL.md) for .NET.")
        {
            ValidateCommand.Create(),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            // System.CommandLine exits 1 on a parse error, which is the code for an invalid skill here.
            return ReportUsageErrorAsync(parseResult, error);
        }

        return parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(arg => arg is "-h" or "--help" or "-?");

    private static async Task<int> ReportUsageErrorAsync(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            await error.WriteLineAsync("skill: " + parseError.Message).ConfigureAwait(false);
        }

        await error.WriteLineAsync("Run 'skill --help' for usage.").ConfigureAwait(false);
        return ExitCodes.UsageError;
    }
}
