using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt uninstall &lt;name[@version]&gt;</c>: removes every installed version of a skill, or the
/// versions that match. A damaged entry is removed by its folder name, so <c>name@folder</c> works
/// even when the folder is not a version.
/// </summary>
internal static class UninstallCommand
{
    public static Command Create()
    {
        var skill = new Argument<string>("skill") { Description = "The skill, as name (every version), name@1.2.0 or name@range." };
        var command = new Command("uninstall", "Remove an installed skill, or some of its versions.") { skill };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(skill)!, parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string reference, TextWriter output, CancellationToken cancellationToken)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var versionText = at < 0 ? null : reference[(at + 1)..];
        var store = SkillStore.Open();
        var installed = store.Versions(name);
        Func<StoreEntry, bool> select = versionText is null
            ? _ => true
            : installed.Any(entry => entry.VersionText == versionText)
                ? entry => entry.VersionText == versionText
                : RangeSelector(SkillRequest.Parse(reference));

        var removed = await store.RemoveAsync(name, select, cancellationToken).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            throw new CliException(
                ExitCodes.NotFound,
                installed.Count == 0
                    ? $"no skill '{name}' is installed; run 'skillrt list' to see what is."
                    : $"no installed version of '{name}' matches '{versionText}' (installed: {string.Join(", ", installed.Select(e => e.VersionText))}).");
        }

        foreach (var entry in removed)
        {
            await output.WriteLineAsync($"Uninstalled {entry.Name} {entry.VersionText} from {entry.Directory}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static Func<StoreEntry, bool> RangeSelector(SkillRequest request) =>
        entry => entry.Version is not null && request.Range!.Satisfies(entry.Version);
}
