using System.CommandLine;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary><c>skillrt relist &lt;id&gt; &lt;version&gt;</c>: lists an unlisted version again.</summary>
internal static class RelistCommand
{
    public static Command Create()
    {
        var command = new PackageVersionCommand("relist", "List an unlisted package version again.");
        command.SetAction((_, target, cancellationToken) =>
            target.SendAsync(HttpMethod.Post, "", null, "relisted", $"Relisted {target.Id} {target.Version}", cancellationToken));
        return command.Command;
    }
}
