using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using static SkillRt.Cli.Commands.ModerationCommandSupport;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt appeal &lt;id@version&gt; --text "…"</c>: asks the registry's administrators to release a
/// quarantined version you own (<c>POST api/v2/package/{id}/{version}/appeal</c>); one open appeal per version.
/// </summary>
internal static class AppealCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("package") { Description = "The quarantined package version, as Contoso.Review@1.2.0." };
        var text = new Option<string?>("--text") { Description = "Why the findings are wrong (up to 4,000 characters)." };
        var textFile = new Option<string?>("--text-file") { Description = "Read the text from this file (- for standard input)." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("appeal", "Appeal the quarantine of a version you own; an administrator answers.") { reference, text, textFile, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) => await RunAsync(
            parseResult.GetValue(reference)!,
            await ReadTextAsync(parseResult.GetValue(text), parseResult.GetValue(textFile), "appeal", cancellationToken).ConfigureAwait(false),
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string reference, string text, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (id, version) = ParseReference(reference, versionOptional: false);
        var (client, source) = Connect(sourceName);
        using (client)
        {
            var body = ConfigJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("text", text);
                writer.WriteEndObject();
            });
            using var answer = await client.SendAsync(HttpMethod.Post, client.Api(VersionPath(id, version!, "appeal")), body, null, cancellationToken).ConfigureAwait(false)
                ?? throw Empty(source, "the appeal");
            if (json)
            {
                await WriteJsonAsync(output, answer.RootElement).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"Appealed the quarantine of {Text(answer.RootElement, "id")} {Text(answer.RootElement, "version")} on {source}; 'skillrt findings {id}@{version}' shows the answer.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }
}
