using System.CommandLine;
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
            ValidateCommand.Create(output, error),
        };

        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
