using System.CommandLine;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt unlist &lt;id&gt; &lt;version&gt;</c>: hides a version from search and from installs by
/// name or range; an exact version still installs. What <c>dotnet nuget delete</c> does on NuGet feeds.
/// </summary>
internal static class UnlistCommand
{
    public static Command Create()
    {
        var command = new PackageVersionCommand("unlist", "Unlist a package version on a registry: search and ranges no longer offer it; an exact version still installs.");
        command.SetAction((_, target, cancellationToken) =>
            target.SendAsync(HttpMethod.Delete, "", null, "unlisted", $"Unlisted {target.Id} {target.Version}", cancellationToken));
        return command.Command;
    }
}
