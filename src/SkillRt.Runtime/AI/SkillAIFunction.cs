using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt;

/// <summary>
/// A skill offered to a model as a tool. Arguments are checked against the skill's input schema
/// before anything runs, and the validated output is returned as JSON the model can read.
/// </summary>
internal sealed class SkillAIFunction<TInput, TOutput> : AIFunction
    where TInput : notnull
{
    private readonly SkillContract<TInput, TOutput> _contract;
    private readonly ISkillRunner _runner;
    private readonly JsonElement _inputSchema;
    private readonly JsonElement? _outputSchema;

    public SkillAIFunction(SkillContract<TInput, TOutput> contract, ISkillRunner runner)
    {
        _contract = contract;
        _runner = runner;
        var descriptor = contract.Descriptor;
        _inputSchema = ParseSchema(descriptor.InputSchema);
        _outputSchema = descriptor.OutputType switch
        {
            SkillOutputType.Json => descriptor.OutputSchema is { } schema ? ParseSchema(schema) : null,
            _ => ParseSchema("""{"type":"string"}"""),
        };
    }

    public override string Name => _contract.Descriptor.Name;

    public override string Description => _contract.Descriptor.Description ?? string.Empty;

    public override JsonElement JsonSchema => _inputSchema;

    public override JsonElement? ReturnJsonSchema => _outputSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        JsonElement json;
        try
        {
            json = SkillJson.ToElement(arguments, 0, static (args, writer, _) => WriteArguments(writer, args));
        }
        catch (ArgumentException exception)
        {
            // Strings that are not well-formed Unicode, numbers that are not finite.
            throw new SkillInputException([new SkillViolation(string.Empty, "The arguments cannot be written as JSON: " + exception.Message)], Name);
        }

        if (!_contract.TryReadInput(json, out var input, out var violations))
        {
            throw new SkillInputException(violations, Name);
        }

        var result = await _runner.RunAsync(_contract, input, options: null, cancellationToken).ConfigureAwait(false);
        return _contract.SerializeOutput(result.Output);
    }

    private static JsonElement ParseSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.Clone();
    }

    private static void WriteArguments(Utf8JsonWriter writer, AIFunctionArguments arguments)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in arguments)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    // Models' arguments arrive as JsonElement; hosts that call the function directly may pass
    // plain .NET values, which are written without reflection where SkillRt knows the type.
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case Uri uri:
                writer.WriteStringValue(uri.OriginalString);
                break;
            case System.IO.FileSystemInfo file:
                writer.WriteStringValue(file.FullName);
                break;
            default:
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
