using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SkillRt.Agents;

/// <summary>
/// The <c>run</c> script of a SkillRt skill: its parameters are the skill's input schema, and running it
/// calls the skill's <see cref="SkillTool"/> (the runner, then the validated output, or an
/// <c>invalid_arguments</c> object the agent can correct itself with).
/// </summary>
internal sealed class SkillRunScript : AgentSkillScript
{
    private readonly SkillTool _tool;

    public SkillRunScript(SkillTool tool)
        : base(SkillRtSkillsSource.RunScriptName, Describe(tool))
    {
        _tool = tool;
    }

    public override JsonElement? ParametersSchema => _tool.JsonSchema;

    public override async Task<object?> RunAsync(AgentSkill skill, JsonElement? arguments, IServiceProvider? serviceProvider = null, CancellationToken cancellationToken = default)
    {
        var call = new AIFunctionArguments { Services = serviceProvider };
        switch (arguments)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                break;
            case { ValueKind: JsonValueKind.Object } inputs:
                foreach (var input in inputs.EnumerateObject())
                {
                    call[input.Name] = input.Value.Clone();
                }

                break;
            case { ValueKind: JsonValueKind.String } text when TakesTask:
                // A model may pass a task skill its task bare rather than as {"task": …}; it means the same.
                call["task"] = text.Clone();
                break;
            default:
                return NotAnObject(arguments.Value);
        }

        return await _tool.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private bool TakesTask =>
        _tool.JsonSchema.TryGetProperty("properties", out var properties)
        && properties.EnumerateObject().Select(p => p.Name).SequenceEqual(["task"]);

    private static string Describe(SkillTool tool) =>
        $"Runs the skill through SkillRt: it follows the instructions above with the arguments given, and returns its output{(tool.Descriptor.OutputType == SkillOutputType.Json ? " as JSON matching the skill's output schema" : " as text")}.";

    /// <summary>The answer to arguments that are not an object, in the shape <see cref="SkillTool"/> answers invalid arguments.</summary>
    private JsonElement NotAnObject(JsonElement arguments)
    {
        var message = $"The arguments for skill '{_tool.Descriptor.Name}' must be an object holding its inputs (see parameters_schema), not {arguments.ValueKind.ToString().ToLowerInvariant()}.";
        var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", SkillTool.InvalidArgumentsError);
            writer.WriteString("tool", _tool.Name);
            writer.WriteString("skill", _tool.Descriptor.Name);
            writer.WriteString("message", message);
            writer.WriteStartArray("violations");
            writer.WriteStartObject();
            writer.WriteString("pointer", string.Empty);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
