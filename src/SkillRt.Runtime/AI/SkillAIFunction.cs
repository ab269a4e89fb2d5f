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
/// before anything runs, and the validated output is returned: as JSON for a JSON output, as a string
/// for a text or file output.
/// </summary>
/// <remarks>
/// A skill loaded at run time that runs on a model and declares no inputs (a prose skill, a plain
/// Agent Skills folder) takes its task in words (spec section 10.1), so it is offered with one
/// required <c>task</c> string: an empty parameter list would leave the calling model no way to say
/// what to do. This is the same parameter <c>skillrt mcp serve</c> offers for such skills.
/// </remarks>
internal sealed class SkillAIFunction<TInput, TOutput> : AIFunction
    where TInput : notnull
{
    /// <summary>The one argument of a skill that takes its task in words.</summary>
    public const string TaskParameter = "task";

    private const string TaskSchema =
        """{"type":"object","properties":{"task":{"type":"string","minLength":1,"description":"What to do, in words: this skill declares no inputs and runs on a task."}},"required":["task"],"additionalProperties":false}""";

    private readonly SkillContract<TInput, TOutput> _contract;
    private readonly ISkillRunner _runner;
    private readonly JsonElement _inputSchema;
    private readonly JsonElement? _outputSchema;
    private readonly bool _takesTask;

    public SkillAIFunction(SkillContract<TInput, TOutput> contract, ISkillRunner runner)
    {
        _contract = contract;
        _runner = runner;
        var descriptor = contract.Descriptor;

        // Only a JSON contract can carry the task as a string; generated contracts read their input record.
        _takesTask = typeof(TInput) == typeof(JsonElement)
            && !descriptor.IsTemplate
            && descriptor.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;
        _inputSchema = ParseSchema(_takesTask ? TaskSchema : descriptor.InputSchema);
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
            json = _takesTask
                ? ReadTask(arguments)
                : SkillJson.ToElement(arguments, 0, static (args, writer, _) => WriteArguments(writer, args));
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
        var output = _contract.SerializeOutput(result.Output);

        // Text reads as itself, not as a quoted JSON string, wherever the result is shown to a model.
        return _contract.Descriptor.OutputType != SkillOutputType.Json && output.ValueKind == JsonValueKind.String ? output.GetString() : output;
    }

    /// <summary>The task argument as the JSON string the contract takes; anything else is a violation naming it.</summary>
    private JsonElement ReadTask(AIFunctionArguments arguments)
    {
        var violations = new List<SkillViolation>();
        string? task = null;
        foreach (var (name, value) in arguments)
        {
            if (name != TaskParameter)
            {
                violations.Add(new SkillViolation("/" + name, $"This skill declares no inputs and takes only '{TaskParameter}', the task in words; leave '{name}' out."));
                continue;
            }

            task = value switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(task))
            {
                violations.Add(new SkillViolation("/" + TaskParameter, "Expected the task in words, a non-empty string."));
            }
        }

        if (task is null && violations.Count == 0)
        {
            violations.Add(new SkillViolation(string.Empty, $"The argument '{TaskParameter}' is required: the task in words, such as \"Summarize data/sales.csv\"."));
        }

        if (violations.Count > 0)
        {
            throw new SkillInputException(violations, Name);
        }

        return SkillJson.ToElement(0, task!, static (_, writer, value) => writer.WriteStringValue(value));
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
