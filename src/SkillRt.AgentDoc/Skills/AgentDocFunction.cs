using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;

namespace SkillRt.AgentDoc;

/// <summary>
/// One doc tool offered to the model in a skill run: the MCP tool's name, description and input schema,
/// over the same query. An error answer (an unknown library, operation or argument) is thrown, so the
/// runner shows it to the model as a tool error and counts the call as failed.
/// </summary>
internal sealed class AgentDocFunction(Tool tool, Func<ToolArguments, CancellationToken, ValueTask<AgentDocAnswer>> handler) : AIFunction
{
    public override string Name => tool.Name;

    public override string Description => tool.Description ?? string.Empty;

    public override JsonElement JsonSchema => tool.InputSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            if (value is not null)
            {
                values[name] = ToElement(name, value);
            }
        }

        AgentDocAnswer answer;
        try
        {
            answer = await handler(new ToolArguments(tool.Name, values), cancellationToken).ConfigureAwait(false);
        }
        catch (ToolArgumentException exception)
        {
            answer = AgentDocAnswer.Error(exception.Message);
        }

        return answer.IsError ? throw new AgentDocQueryException(answer.Text) : answer.Text;
    }

    // Chat clients hand arguments over as JsonElements, or as plain values once deserialised; both are
    // turned into JSON by hand, not by reflection, so the tools stay trim- and AOT-safe.
    private JsonElement ToElement(string name, object value)
    {
        switch (value)
        {
            case JsonElement element:
                return element;
            case JsonNode node:
                return Parse(node.ToJsonString());
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (value)
            {
                case string text: writer.WriteStringValue(text); break;
                case bool flag: writer.WriteBooleanValue(flag); break;
                case int number: writer.WriteNumberValue(number); break;
                case long number: writer.WriteNumberValue(number); break;
                case double number: writer.WriteNumberValue(number); break;
                case decimal number: writer.WriteNumberValue(number); break;
                default: throw new AgentDocQueryException($"{tool.Name}: the argument '{name}' must be a string or a number, not {value.GetType().Name}.");
            }
        }

        return Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
