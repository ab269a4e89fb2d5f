using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Cli.Running;

/// <summary>
/// Builds the input object of <c>skillrt run</c> from <c>--inputs</c> (a JSON object, inline or
/// <c>@file.json</c>) and <c>--input key=value</c> (repeatable, winning over <c>--inputs</c>).
/// </summary>
/// <remarks>
/// A <c>--input</c> value is typed from the declared input: <c>number</c> and <c>integer</c> become
/// JSON numbers, <c>boolean</c> takes <c>true</c> or <c>false</c>, <c>json</c> is parsed as JSON, and
/// every other type is the text as written. A value starting with <c>@</c> is the text of that file,
/// exactly as it is (<c>diff=@changes.patch</c>); <c>@@</c> starts a value with a literal <c>@</c>.
/// Whether the values satisfy the skill (required inputs, enums, URL rules, ranges) is left to the
/// runner, which reports every problem at once.
/// </remarks>
internal static class RunInputs
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The input object for <paramref name="skill"/>; names not declared by the skill are usage errors.</summary>
    public static JsonElement Build(SkillDefinition skill, string? inputsOption, IReadOnlyList<string> inputOptions)
    {
        var declared = skill.Manifest.Inputs.ToDictionary(input => input.Name, StringComparer.Ordinal);

        // Insertion order is kept, so the object the model sees lists values the way the user gave them.
        var values = new List<KeyValuePair<string, JsonElement>>();
        if (inputsOption is not null)
        {
            var (source, text) = inputsOption.StartsWith('@') ? ($"the inputs file '{inputsOption[1..]}'", ReadFile(inputsOption[1..], "--inputs")) : ("--inputs", inputsOption);
            var root = ParseJson(text, source, $"pass one JSON object, such as --inputs '{{\"{FirstInputName(skill)}\": \"value\"}}'");
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.UsageError, $"{source} is a JSON {Describe(root.ValueKind)}, not an object; pass one object with a property per input, such as {{\"{FirstInputName(skill)}\": …}}.");
            }

            foreach (var property in root.EnumerateObject())
            {
                RequireDeclared(skill, declared, property.Name, source);
                Set(values, property.Name, property.Value);
            }
        }

        foreach (var option in inputOptions)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCodes.UsageError, $"--input '{option}' is not name=value; write it as --input {FirstInputName(skill)}=value (or name=@file to read the value from a file).");
            }

            var name = option[..equals];
            var input = RequireDeclared(skill, declared, name, "--input");
            Set(values, name, Convert(input, ReadValue(option[(equals + 1)..], name), name));
        }

        return ToObject(values);
    }

    /// <summary>
    /// The input of a skill without an <c>inputs</c> key (spec section 10.1): its task in words
    /// (<c>--task</c>), or, for a skill no model runs (<c>process</c>, <c>mcp-tool</c>), nothing at all or
    /// <c>--inputs '{}'</c>, which both give the empty object. A model needs to be told what to do,
    /// so a model skill still asks for <c>--task</c>.
    /// </summary>
    public static JsonElement WithoutDeclaredInputs(SkillDefinition skill, string? task, string? inputsOption, IReadOnlyList<string> inputOptions)
    {
        var runsOnModel = skill.Manifest.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;
        if (task is not null && (inputsOption is not null || inputOptions.Count > 0))
        {
            throw new CliException(ExitCodes.UsageError, $"{skill.Name} declares no inputs; pass either --task \"…\" or nothing, not both --task and --inputs/--input.");
        }

        if (inputsOption is not null || inputOptions.Count > 0)
        {
            if (runsOnModel)
            {
                throw new CliException(ExitCodes.UsageError, $"{skill.Name} declares no inputs; say what to do with --task \"…\" instead of --inputs or --input.");
            }

            // Any name is refused as undeclared, so what is left is the empty object.
            return Build(skill, inputsOption, inputOptions);
        }

        if (task is { Length: > 0 })
        {
            return Text(task);
        }

        return runsOnModel
            ? throw new CliException(ExitCodes.UsageError, $"{skill.Name} declares no inputs, so it runs on a task in words; pass --task \"…\", such as --task \"Summarize data/sales.csv\".")
            : Build(skill, inputsOption: null, []);
    }

    /// <summary>A JSON string holding <paramref name="text"/>, for the task of a skill without inputs.</summary>
    public static JsonElement Text(string text) => Write(writer => writer.WriteStringValue(text));

    /// <summary>Parses JSON, or fails with where it breaks (one-based line and position) and what to do.</summary>
    public static JsonElement ParseJson(string text, string source, string remedy)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            // The reader's message ends with its own zero-based "LineNumber: 0 | BytePositionInLine: 3.";
            // the position is given once, one-based, the way editors count.
            var reason = exception.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (cut >= 0 ? reason[..cut] : reason).TrimEnd('.');
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new CliException(ExitCodes.UsageError, $"{source} is not valid JSON{where}: {reason}; {remedy}.", exception.ToString(), exception);
        }
    }

    private static SkillInput RequireDeclared(SkillDefinition skill, Dictionary<string, SkillInput> declared, string name, string source)
    {
        if (declared.TryGetValue(name, out var input))
        {
            return input;
        }

        var inputs = skill.Manifest.Inputs.Count == 0
            ? "it declares none"
            : "its inputs are " + string.Join(", ", skill.Manifest.Inputs.Select(i => $"{i.Name} ({i.Type.ToWireName()}{(i.Required ? ", required" : string.Empty)})"));
        throw new CliException(ExitCodes.UsageError, $"{source} names '{name}', which is not an input of {skill.Name}: {inputs}; 'skillrt info {skill.Name}' describes them.");
    }

    private static string ReadValue(string value, string name)
    {
        if (value.StartsWith("@@", StringComparison.Ordinal))
        {
            return value[1..];
        }

        return value.StartsWith('@') ? ReadFile(value[1..], $"--input {name}") : value;
    }

    private static string ReadFile(string path, string option)
    {
        if (path.Length == 0)
        {
            throw new CliException(ExitCodes.UsageError, $"{option} has '@' without a file name; write @path/to/file.");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException(ExitCodes.UsageError, $"{option}: cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }
    }

    private static JsonElement Convert(SkillInput input, string text, string name)
    {
        switch (input.Type)
        {
            case SkillInputType.Number or SkillInputType.Integer:
                // JSON's number grammar is the one the runner checks against, so parse with it.
                JsonElement number = default;
                var isNumber = false;
                try
                {
                    using var document = JsonDocument.Parse(text);
                    number = document.RootElement.Clone();
                    isNumber = number.ValueKind == JsonValueKind.Number;
                }
                catch (JsonException)
                {
                }

                return isNumber
                    ? number
                    : throw new CliException(ExitCodes.UsageError, $"--input {name}: '{text}' is not a number, and '{name}' is {(input.Type == SkillInputType.Integer ? "an integer" : "a number")} input; write it like {(input.Type == SkillInputType.Integer ? "42" : "4.2")}.");
            case SkillInputType.Boolean:
                return text.Trim().ToLowerInvariant() switch
                {
                    "true" => Write(writer => writer.WriteBooleanValue(true)),
                    "false" => Write(writer => writer.WriteBooleanValue(false)),
                    _ => throw new CliException(ExitCodes.UsageError, $"--input {name}: '{text}' is not true or false, and '{name}' is a boolean input."),
                };
            case SkillInputType.Json:
                return ParseJson(text, $"--input {name}", "write the value as JSON, quoting it for the shell, such as --input '" + name + "={\"key\": 1}'");
            default:
                return Write(writer => writer.WriteStringValue(text));
        }
    }

    private static void Set(List<KeyValuePair<string, JsonElement>> values, string name, JsonElement value)
    {
        var index = values.FindIndex(pair => string.Equals(pair.Key, name, StringComparison.Ordinal));
        if (index >= 0)
        {
            values[index] = new(name, value);
        }
        else
        {
            values.Add(new(name, value));
        }
    }

    private static JsonElement ToObject(List<KeyValuePair<string, JsonElement>> values) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    });

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static string FirstInputName(SkillDefinition skill) => skill.Manifest.Inputs.Count > 0 ? skill.Manifest.Inputs[0].Name : "name";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
