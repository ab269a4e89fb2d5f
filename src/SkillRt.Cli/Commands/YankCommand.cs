using System.CommandLine;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt yank &lt;id&gt; &lt;version&gt;</c>: marks a version yanked. Installs by range, <c>outdated</c>
/// and <c>update</c> skip it; <c>skillrt install name@1.2.3</c> (an exact version) still installs it, with
/// a warning, so whoever pinned it keeps working.
/// </summary>
internal static class YankCommand
{
    public static Command Create()
    {
        var command = new PackageVersionCommand("yank", "Yank a package version: ranges, outdated and update skip it; an exact version still installs it, with a warning.");
        command.SetAction((_, target, cancellationToken) =>
            target.SendAsync(HttpMethod.Put, "/yank", null, "yanked", $"Yanked {target.Id} {target.Version}: ranges skip it, an exact version still installs it", cancellationToken));
        return command.Command;
    }
}
