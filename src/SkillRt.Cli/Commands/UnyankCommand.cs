using System.CommandLine;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary><c>skillrt unyank &lt;id&gt; &lt;version&gt;</c>: restores a yanked version.</summary>
internal static class UnyankCommand
{
    public static Command Create()
    {
        var command = new PackageVersionCommand("unyank", "Restore a yanked package version: ranges offer it again.");
        command.SetAction((_, target, cancellationToken) =>
            target.SendAsync(HttpMethod.Delete, "/yank", null, "unyanked", $"Restored {target.Id} {target.Version}: ranges offer it again", cancellationToken));
        return command.Command;
    }
}
