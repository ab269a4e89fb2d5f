using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.SemanticKernel.Parameters;

namespace SkillRt.SemanticKernel;

/// <summary>
/// A <see cref="SkillTool"/> in the shape Semantic Kernel turns into a <c>KernelFunction</c>
/// (<c>AsKernelFunction()</c>): one self-contained schema per parameter, and arguments read back from
/// the text Semantic Kernel's OpenAI connector makes of them before the skill checks them.
/// </summary>
internal sealed class SkillKernelFunction : AIFunction
{
    private readonly SkillTool _tool;
    private readonly IReadOnlyList<SkillParameter> _parameters;

    public SkillKernelFunction(SkillTool tool, IReadOnlyList<SkillParameter> parameters)
    {
        _tool = tool;
        _parameters = parameters;
        JsonSchema = Schema(parameters);
    }

    public SkillTool Tool => _tool;

    public override string Name => _tool.Name;

    public override string Description => _tool.Description;

    public override JsonElement JsonSchema { get; }

    public override JsonElement? ReturnJsonSchema => _tool.ReturnJsonSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var read = new AIFunctionArguments { Services = arguments.Services, Context = arguments.Context };
        foreach (var (name, value) in arguments)
        {
            // Semantic Kernel's arguments ignore case, and inputs that differ only in case are refused earlier.
            var parameter = _parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                // Not an input: the skill's check names it as an argument it does not take.
                read[name] = value;
                continue;
            }

            read[parameter.Name] = SkillArgumentReader.Read(value, parameter.Kind);
        }

        return await _tool.InvokeAsync(read, cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement Schema(IReadOnlyList<SkillParameter> parameters)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var parameter in parameters)
        {
            properties[parameter.Name] = parameter.Schema.DeepClone();
            if (parameter.IsRequired)
            {
                required.Add((JsonNode)JsonValue.Create(parameter.Name));
            }
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
        using var document = JsonDocument.Parse(schema.ToJsonString());
        return document.RootElement.Clone();
    }
}
