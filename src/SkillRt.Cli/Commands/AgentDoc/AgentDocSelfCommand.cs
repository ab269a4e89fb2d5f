using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;
using SkillRt.Cli.Output;
#if !SKILL_NATIVE_FRONT
using SkillRt.Cli.SelfDocumentation;
#endif

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc self [-o agent-doc.yaml]</c>: the agent-doc of this skillrt, read off its own
/// command tree, so an agent that drives the CLI gets documentation of exactly the version it runs.
/// </summary>
internal static class AgentDocSelfCommand
{
    public static Command Create()
    {
        var outputPath = new Option<string?>("--output", "-o") { Description = "Where to write the agent-doc.yaml; without it, it is printed." };
        var format = new JsonFormat();
        var command = new Command("self", "Write the agent-doc of this skillrt itself: every command with its arguments, options and exit codes.") { outputPath };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.RootCommandResult.Command,
            parseResult.GetValue(outputPath),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(Command root, string? outputPath, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var document = AgentDocContentHash.WithContentHash(CliAgentDoc.Create(root));
        var text = AgentDocWriter.Write(document);
        if (outputPath is not null)
        {
            await AgentDocFiles.WriteAsync(outputPath, text, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            await JsonOutput.WriteAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("output", outputPath);
                writer.WriteString("name", document.Identity.Name);
                writer.WriteString("version", document.Identity.Version);
                writer.WriteString("contentHash", document.Identity.ContentHash);
                writer.WriteNumber("operations", document.Operations.Count);
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
            await output.WriteLineAsync($"Wrote {outputPath}: {document.Operations.Count} commands of skillrt {document.Identity.Version} ({Encoding.UTF8.GetByteCount(text)} bytes).").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
#endif
}
