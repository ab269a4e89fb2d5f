using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary><c>run_tool</c>: one of the command-line tools the skill declares in <c>dependencies.tools</c>, in the sandbox.</summary>
internal sealed class RunToolTool(BuiltinToolContext context) : BuiltinTool("run_tool", Describe(context), CreateSchema(context.Descriptor.Dependencies.Tools))
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var name = ToolArguments.GetString(arguments, "name").Trim();
        var args = ToolArguments.GetStringList(arguments, "args");
        var tools = context.Descriptor.Dependencies.Tools;
        // Exactly as declared: a path or a differently cased name could reach another program.
        if (!tools.Contains(name, StringComparer.Ordinal))
        {
            throw new ToolDeniedException(
                ToolDenialReason.Tool,
                $"'{name}' is not in dependencies.tools of skill '{context.Descriptor.Name}' (allowed: {string.Join(", ", tools)}).");
        }

        return await ProcessToolResult.RunAsync(context, name, args, cancellationToken).ConfigureAwait(false);
    }

    // The names go into an enum, so models that honor schemas cannot even ask for another program.
    private static JsonElement CreateSchema(IReadOnlyList<string> tools) => SkillJson.ToElement(tools, 0, static (tools, writer, _) =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject("name");
        writer.WriteString("type", "string");
        writer.WriteStartArray("enum");
        foreach (var tool in tools.Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(tool);
        }

        writer.WriteEndArray();
        writer.WriteString("description", "The program, by name.");
        writer.WriteEndObject();
        writer.WriteStartObject("args");
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteString("description", "The arguments, each passed as it is (no shell: no quoting, globbing, pipes or redirection).");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        writer.WriteStringValue("name");
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    });

    private static string Describe(BuiltinToolContext context) =>
        $"Runs a command-line program and returns its exit code, standard output and standard error as JSON. Allowed programs (dependencies.tools): {string.Join(", ", context.Descriptor.Dependencies.Tools)}. " +
        $"It starts in {context.WorkingDirectory}, without a shell, in a sandbox that allows only the skill's permissions (network hosts, filesystem globs, environment variables), " +
        $"and is stopped after {ProcessTimeoutText(context.ProcessTimeout)}.";

    /// <summary>A timeout as the model reads it.</summary>
    public static string ProcessTimeoutText(TimeSpan timeout) =>
        timeout.TotalSeconds < 120
            ? timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s"
            : timeout.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " min";
}
