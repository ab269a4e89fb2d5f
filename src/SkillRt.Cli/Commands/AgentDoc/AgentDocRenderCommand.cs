using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;
using SkillRt.Cli.Output;

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc render &lt;file&gt; [--full] [-o llms.txt]</c>: renders an agent-doc as llms.txt (the
/// index) or llms-full.txt (everything). An invalid agent-doc is refused with its diagnostics.
/// </summary>
internal static class AgentDocRenderCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The agent-doc.yaml to render." };
        var full = new Option<bool>("--full") { Description = "Render llms-full.txt (every operation with its schemas, errors and examples) instead of the llms.txt index." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "Where to write the text; without it, it is printed." };
        var format = new JsonFormat();
        var command = new Command("render", "Render an agent-doc.yaml as llms.txt, or llms-full.txt with --full.") { file, full, outputPath };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        // Microsoft.OpenApi and the agent-doc library live in the host, as the OpenAI client does for run:
        // they would make the native image larger and every command's start slower.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.GetValue(full),
            parseResult.GetValue(outputPath),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(string path, bool full, string? outputPath, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await AgentDocFiles.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        if (result.HasErrors || result.Document is null)
        {
            throw new CliException(ExitCodes.InvalidSkill, $"'{path}' is not a valid agent-doc; fix the errors above ('skillrt agent-doc validate {path}' lists them) and render again.")
            {
                Diagnostics = result.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).Select(d => AgentDocFiles.Line(d, path)).ToList(),
            };
        }

        var text = full ? LlmsTxtRenderer.RenderFull(result.Document) : LlmsTxtRenderer.RenderIndex(result.Document);
        if (outputPath is not null)
        {
            await AgentDocFiles.WriteAsync(outputPath, text, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            await JsonOutput.WriteAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteString("kind", full ? "llms-full.txt" : "llms.txt");
                writer.WriteString("output", outputPath);
                writer.WriteString("name", result.Document.Identity.Name);
                writer.WriteString("version", result.Document.Identity.Version);
                writer.WriteString("contentHash", result.ComputedContentHash);
                writer.WriteNumber("bytes", Encoding.UTF8.GetByteCount(text));
                if (outputPath is null)
                {
                    writer.WriteString("text", text);
                }

                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else if (outputPath is null)
        {
            await output.WriteAsync(text).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"Wrote {outputPath} ({(full ? "llms-full.txt" : "llms.txt")}, {Encoding.UTF8.GetByteCount(text)} bytes) from {path}.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
#endif
}
