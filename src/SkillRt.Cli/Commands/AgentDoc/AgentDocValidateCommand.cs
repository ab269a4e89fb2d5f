using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;
using SkillRt.Cli.Output;

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc validate &lt;file&gt; [--fix-hash]</c>: checks an agent-doc.yaml against the spec and
/// prints each problem at its line, in the compiler's format; <c>--fix-hash</c> writes the content hash.
/// </summary>
internal static class AgentDocValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The agent-doc.yaml to check." };
        var fixHash = new Option<bool>("--fix-hash") { Description = "Write the document's content hash into identity.contentHash (after a hand edit)." };
        var format = new JsonFormat();
        var command = new Command("validate", "Check an agent-doc.yaml against the spec and report every problem with its line.") { file, fixHash };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        // Microsoft.OpenApi and the agent-doc library live in the host, as the OpenAI client does for run:
        // they would make the native image larger and every command's start slower.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.GetValue(fixHash),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(string path, bool fixHash, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await AgentDocFiles.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        var fixedHash = false;
        if (fixHash && result.Document is not null && result.ComputedContentHash is { } computed && result.Document.Identity.ContentHash != computed)
        {
            await WriteHashAsync(path, result, computed, cancellationToken).ConfigureAwait(false);
            result = await AgentDocFiles.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            fixedHash = true;
        }

        var errors = result.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Warning);
        var document = result.Document;
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteBoolean("valid", !result.HasErrors);
                writer.WriteString("name", document?.Identity.Name);
                writer.WriteString("version", document?.Identity.Version);
                writer.WriteString("contentHash", result.ComputedContentHash);
                writer.WriteString("statedContentHash", document?.Identity.ContentHash);
                writer.WriteBoolean("hashWritten", fixedHash);
                writer.WriteNumber("operations", document?.Operations.Count ?? 0);
                writer.WriteNumber("workflows", document?.Workflows.Count ?? 0);
                writer.WriteNumber("errors", errors);
                writer.WriteNumber("warnings", warnings);
                writer.WriteStartArray("diagnostics");
                foreach (var diagnostic in result.Diagnostics)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", diagnostic.Id);
                    writer.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
                    writer.WriteString("message", diagnostic.Message);
                    writer.WriteString("helpUri", diagnostic.Descriptor.HelpLink);
                    writer.WriteNumber("line", diagnostic.Span.StartLine);
                    writer.WriteNumber("column", diagnostic.Span.StartColumn);
                    writer.WriteNumber("endLine", diagnostic.Span.EndLine);
                    writer.WriteNumber("endColumn", diagnostic.Span.EndColumn);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                await output.WriteLineAsync(AgentDocFiles.Line(diagnostic, path)).ConfigureAwait(false);
            }

            if (fixedHash)
            {
                await output.WriteLineAsync($"Wrote identity.contentHash: {result.ComputedContentHash}").ConfigureAwait(false);
            }

            var what = document is null
                ? "invalid agent-doc"
                : $"{(result.HasErrors ? "invalid" : "valid")} agent-doc {document.Identity.Name} {document.Identity.Version} ({AgentDocFiles.Count(document.Operations.Count, "operation")}, {AgentDocFiles.Count(document.Workflows.Count, "workflow")})";
            await output.WriteLineAsync($"{path}: {what}, {AgentDocFiles.Count(errors, "error")}, {AgentDocFiles.Count(warnings, "warning")}.").ConfigureAwait(false);
        }

        return errors > 0 ? ExitCodes.InvalidSkill : ExitCodes.Success;
    }

    // Replaces the stated hash where it is written, or adds the key after identity's 'version' line: the rest
    // of the file (comments, layout) is left exactly as it was.
    private static async Task WriteHashAsync(string path, AgentDocReadResult result, string computed, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').ToList();
        var stated = result.Document!.Identity.ContentHash;
        var index = stated is null ? -1 : lines.FindIndex(l => l.TrimStart().StartsWith("contentHash:", StringComparison.Ordinal) && l.Contains(stated, StringComparison.Ordinal));
        if (index >= 0)
        {
            lines[index] = lines[index].Replace(stated!, computed, StringComparison.Ordinal);
        }
        else
        {
            var identityLine = lines.FindIndex(l => l.TrimEnd('\r') == "identity:");
            var versionLine = identityLine < 0 ? -1 : lines.FindIndex(identityLine + 1, l => l.TrimStart().StartsWith("version:", StringComparison.Ordinal));
            if (versionLine < 0)
            {
                throw new CliException(ExitCodes.InvalidSkill, $"{path}: cannot place identity.contentHash (no 'identity:' block with a 'version:' line); add 'contentHash: {computed}' under identity by hand.");
            }

            var indent = lines[versionLine].Length - lines[versionLine].TrimStart().Length;
            lines.Insert(versionLine + 1, new string(' ', indent) + "contentHash: " + computed + (newline == "\r\n" ? "\r" : string.Empty));
        }

        await AgentDocFiles.WriteAsync(path, string.Join('\n', lines), cancellationToken).ConfigureAwait(false);
    }
#endif
}
