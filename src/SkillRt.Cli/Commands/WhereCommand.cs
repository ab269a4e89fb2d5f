using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt where [name[@range]]</c>: prints the folder installed skills live in, or the folder of
/// one installed skill, so scripts can <c>cd "$(skillrt where pr-review)"</c>.
/// </summary>
internal static class WhereCommand
{
    public static Command Create()
    {
        var skill = new Argument<string?>("skill")
        {
            Description = "An installed skill, as name or name@range; leave out to print the store's folder.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("where", "Print where installed skills are kept, or where one skill is installed.") { skill };
        command.SetAction((parseResult, _) => RunAsync(parseResult.GetValue(skill), parseResult.InvocationConfiguration.Output));
        return command;
    }

    private static async Task<int> RunAsync(string? reference, TextWriter output)
    {
        var store = SkillStore.Open();
        var folder = reference is null ? store.SkillsDirectory : SkillLocator.Find(reference, store).Directory;
        await output.WriteLineAsync(folder).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
