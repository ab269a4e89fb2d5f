using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using static SkillRt.Cli.Commands.ModerationCommandSupport;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt findings &lt;id@version&gt;</c>: what the registry's scanner found in a version you own, whether
/// it is quarantined, and the appeals against it (<c>GET api/v2/package/{id}/{version}/findings</c>).
/// </summary>
internal static class FindingsCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("package") { Description = "The package and version, as Contoso.Review@1.2.0." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("findings", "Show the registry scanner's findings for a version you own, and whether it is quarantined.") { reference, source };
        format.AddTo(command);
        SetAction(command, (parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(reference)!,
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string reference, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (id, version) = ParseReference(reference, versionOptional: false);
        var (client, source) = Connect(sourceName);
        using (client)
        {
            using var answer = await client.GetJsonAsync(
                client.Api(VersionPath(id, version!, "findings")),
                cancellationToken,
                status => status == HttpStatusCode.Forbidden ? "findings are shown to members of the package's owner and to administrators" : null).ConfigureAwait(false)
                ?? throw Empty(source, "findings");
            var root = answer.RootElement;
            if (json)
            {
                await WriteJsonAsync(output, root).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var name = $"{Text(root, "id")} {Text(root, "version")}";
            var findings = Array(root, "findings").ToList();
            await output.WriteLineAsync(Flag(root, "quarantined")
                ? $"{name} is quarantined on {source}: it cannot be installed until an administrator releases it. Fix the findings and publish a new version, or appeal with 'skillrt appeal {id}@{version} --text \"…\"'."
                : $"{name} on {source} is not quarantined; {(findings.Count == 0 ? "the scanner found nothing." : $"{findings.Count} finding(s) below High:")}").ConfigureAwait(false);
            foreach (var finding in findings)
            {
                await WriteFindingAsync(output, finding, "  ").ConfigureAwait(false);
            }

            foreach (var appeal in Array(root, "appeals"))
            {
                var note = Text(appeal, "note") is { Length: > 0 } n ? $" ({n})" : "";
                await output.WriteLineAsync($"Appeal by {Text(appeal, "account")}: {Text(appeal, "state")}{note}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }
}
