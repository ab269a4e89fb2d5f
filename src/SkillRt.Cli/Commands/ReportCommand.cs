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
/// <c>skillrt report &lt;id[@version]&gt; --category … --text "…"</c>: reports an abusive package or version
/// to the registry's administrators (<c>POST api/v2/reports</c>); needs a stored key.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("package") { Description = "The package (Contoso.Review) or one version of it (Contoso.Review@1.2.0)." };
        var category = new Option<string>("--category")
        {
            Description = "What is wrong: malware, prompt-injection, secrets, typosquatting, impersonation, spam, license or other.",
            Required = true,
        };
        category.AcceptOnlyFromAmong("malware", "prompt-injection", "secrets", "typosquatting", "impersonation", "spam", "license", "other");
        var text = new Option<string?>("--text") { Description = "What you saw, and where (up to 4,000 characters)." };
        var textFile = new Option<string?>("--text-file") { Description = "Read the text from this file (- for standard input)." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("report", "Report an abusive package or version to the registry's administrators.") { reference, category, text, textFile, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) => await RunAsync(
            parseResult.GetValue(reference)!,
            parseResult.GetValue(category)!,
            await ReadTextAsync(parseResult.GetValue(text), parseResult.GetValue(textFile), "report", cancellationToken).ConfigureAwait(false),
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string reference, string category, string text, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (id, version) = ParseReference(reference, versionOptional: true);
        var (client, source) = Connect(sourceName);
        using (client)
        {
            var body = ConfigJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("version", version);
                writer.WriteString("category", category);
                writer.WriteString("text", text);
                writer.WriteEndObject();
            });
            using var answer = await client.SendAsync(HttpMethod.Post, client.Api("api/v2/reports"), body, null, cancellationToken).ConfigureAwait(false)
                ?? throw Empty(source, "the report");
            if (json)
            {
                await WriteJsonAsync(output, answer.RootElement).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var what = Text(answer.RootElement, "version") is { } reported ? $"{Text(answer.RootElement, "id")} {reported}" : Text(answer.RootElement, "id");
            await output.WriteLineAsync($"Reported {what} ({category}) to the administrators of {source}; report {Text(answer.RootElement, "reportId")}. Thank you.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }
}
