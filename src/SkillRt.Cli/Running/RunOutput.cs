using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Output;

namespace SkillRt.Cli.Running;

/// <summary>
/// Prints a run's validated output on stdout, and nothing else there, so <c>skillrt run … | jq</c> and
/// <c>$(skillrt run …)</c> work: a <c>json</c> output as indented JSON, a <c>text</c> or <c>file</c>
/// output as its plain text (the file's path). <c>--format json</c> always prints JSON;
/// <c>--format text</c> prints any string unquoted and everything else as JSON.
/// </summary>
internal static class RunOutput
{
    /// <summary>Writes <paramref name="output"/>.</summary>
    /// <param name="writer">Standard output.</param>
    /// <param name="output">The validated output (a JSON string for text and file outputs).</param>
    /// <param name="outputType">The skill's declared output type.</param>
    /// <param name="format"><c>json</c>, <c>text</c>, or <see langword="null"/> to follow the output type.</param>
    public static Task WriteAsync(TextWriter writer, JsonElement output, SkillOutputType outputType, string? format)
    {
        var asJson = format switch
        {
            "json" => true,
            "text" => output.ValueKind != JsonValueKind.String,
            _ => outputType == SkillOutputType.Json,
        };

        if (asJson || output.ValueKind != JsonValueKind.String)
        {
            return JsonOutput.WriteAsync(writer, json => output.WriteTo(json));
        }

        // One final newline, so a shell prompt does not follow the text on the same line.
        var text = output.GetString() ?? string.Empty;
        return text.EndsWith('\n') ? writer.WriteAsync(text) : writer.WriteLineAsync(text);
    }
}
