using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Sandboxing;

namespace SkillRt.Tools.Builtin;

/// <summary>Runs a process for <c>run_tool</c> and <c>run_script</c> through the sandbox, and shows the model how it ended.</summary>
internal static class ProcessToolResult
{
    /// <summary>Runs <paramref name="program"/> confined to the skill's permissions; its exit code, output and error output as JSON.</summary>
    public static async Task<JsonElement> RunAsync(BuiltinToolContext context, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await context.Sandbox.RunAsync(
            new SandboxedProcessStart
            {
                SkillName = context.Descriptor.Name,
                Program = program,
                Arguments = arguments,
                WorkingDirectory = context.WorkingDirectory,
                SkillDirectory = context.SkillDirectory,
                SkillFile = context.SkillDirectory is null ? context.Descriptor.SourcePath : null,
                Permissions = context.Descriptor.Permissions,
                Timeout = context.ProcessTimeout,
                // What the model reads, not what a process skill returns: a model has no use for more.
                MaxOutputBytes = BuiltinTool.MaxTextBytes,
            },
            cancellationToken).ConfigureAwait(false);
        return ToJson(result);
    }

    /// <summary><c>{"exit_code", "stdout", "stderr"}</c>, and a note when the output was cut.</summary>
    public static JsonElement ToJson(SandboxedProcessResult result) => SkillJson.ToElement(result, 0, static (result, writer, _) =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("exit_code", result.ExitCode);
        writer.WriteString("stdout", result.StandardOutput);
        writer.WriteString("stderr", result.StandardError);
        if (result.LimitDescription is { } limit)
        {
            writer.WriteString("limit", "The process " + limit);
        }

        if (result.OutputTruncated)
        {
            writer.WriteString("note", $"The standard output was longer than {BuiltinTool.MaxTextBytes / 1024} KB; only the start is shown.");
        }

        writer.WriteEndObject();
    });
}
