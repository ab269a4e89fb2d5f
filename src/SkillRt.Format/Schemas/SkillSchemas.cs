using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SkillRt;

/// <summary>
/// The JSON Schemas of a skill's input and output, written from its manifest. The generator embeds
/// them in each skill's descriptor, and runners and tools use them for skills loaded at run time,
/// so both paths check inputs against the same schema.
/// </summary>
public static class SkillSchemas
{
    /// <summary>
    /// Writes the JSON Schema of the input object: one property per input (type, description,
    /// enum, default; a <c>json</c> input's own schema as it is), the required inputs in
    /// <c>required</c>, and no other properties allowed.
    /// </summary>
    /// <param name="inputs">The declared inputs.</param>
    /// <returns>Compact JSON.</returns>
    public static string ForInputs(IReadOnlyList<SkillInput> inputs)
    {
        var json = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        var required = new List<string>();
        var definitions = new List<(string Key, FrontmatterNode Schema, SkillInput Input)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (i > 0)
            {
                json.Append(',');
            }

            FrontmatterJsonWriter.WriteString(input.Name, json);
            json.Append(':');
            WriteInputSchema(input, json, definitions);
            if (input.Required)
            {
                required.Add(input.Name);
            }
        }

        json.Append('}');
        if (required.Count > 0)
        {
            json.Append(",\"required\":[");
            for (var i = 0; i < required.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                FrontmatterJsonWriter.WriteString(required[i], json);
            }

            json.Append(']');
        }

        if (definitions.Count > 0)
        {
            json.Append(",\"definitions\":{");
            for (var i = 0; i < definitions.Count; i++)
            {
                var (key, schema, input) = definitions[i];
                json.Append(i > 0 ? "," : string.Empty);
                FrontmatterJsonWriter.WriteString(key, json);
                json.Append(':');
                FrontmatterJsonWriter.Write(schema, json, target => RewriteReference(input, target));
            }

            json.Append('}');
        }

        return json.Append(",\"additionalProperties\":false}").ToString();
    }

    /// <summary>The JSON Schema of a <c>json</c> output, or <see langword="null"/> when none is declared or the output is not JSON.</summary>
    /// <param name="output">The declared output.</param>
    /// <returns>Compact JSON, or <see langword="null"/>.</returns>
    public static string? ForOutput(SkillOutput output) =>
        output.Type == SkillOutputType.Json && output.Schema is { } schema ? schema.ToJson() : null;

    /// <summary>
    /// An input's default as JSON of the input's type: <c>default: 42</c> on a string input is the
    /// string <c>"42"</c>. <see langword="null"/> when there is no usable default.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>JSON text, or <see langword="null"/>.</returns>
    public static string? DefaultAsJson(SkillInput input)
    {
        if (input.Default is not { } value)
        {
            return null;
        }

        if (input.Type == SkillInputType.Json || value is not FrontmatterScalar scalar)
        {
            return value.ToJson();
        }

        if (scalar.IsNull)
        {
            return null;
        }

        switch (input.Type)
        {
            case SkillInputType.Integer:
                return YamlScalars.TryGetInteger(scalar.Value, out var integer) ? integer.ToString(CultureInfo.InvariantCulture) : null;
            case SkillInputType.Number:
                return YamlScalars.TryGetDouble(scalar, out var number) && !double.IsInfinity(number) ? number.ToString("R", CultureInfo.InvariantCulture) : null;
            case SkillInputType.Boolean:
                return scalar.Kind == FrontmatterScalarKind.Boolean ? (YamlScalars.IsTrue(scalar.Value) ? "true" : "false") : null;
            default:
                var text = new StringBuilder();
                FrontmatterJsonWriter.WriteString(scalar.Value, text);
                return text.ToString();
        }
    }

    /// <summary>
    /// A <c>json</c> input's schema moves under <c>properties/{name}</c>, so its local <c>$ref</c>s move
    /// with it, and its <c>$defs</c>/<c>definitions</c> go to the root as <c>definitions/{name}.{key}</c>,
    /// where every resolver (draft 7 ones too) finds them.
    /// </summary>
    private static string RewriteReference(SkillInput input, string target)
    {
        foreach (var prefix in new[] { "#/$defs/", "#/definitions/" })
        {
            if (target.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return "#/definitions/" + input.Name + "." + target.Substring(prefix.Length);
            }
        }

        return "#/properties/" + input.Name + target.Substring(1);
    }

    private static void WriteInputSchema(SkillInput input, StringBuilder json, List<(string Key, FrontmatterNode Schema, SkillInput Input)> definitions)
    {
        if (input.Type == SkillInputType.Json && input.Schema is FrontmatterMapping schema)
        {
            json.Append('{');
            var firstEntry = true;
            foreach (var entry in schema.Entries)
            {
                if (entry.Name is "$defs" or "definitions" && entry.Value is FrontmatterMapping moved)
                {
                    foreach (var definition in moved.Entries)
                    {
                        definitions.Add((input.Name + "." + definition.Name, definition.Value, input));
                    }

                    continue;
                }

                json.Append(firstEntry ? string.Empty : ",");
                firstEntry = false;
                FrontmatterJsonWriter.WriteString(entry.Name, json);
                json.Append(':');
                if (entry.Name == "$ref" && entry.Value is FrontmatterScalar { Value: var target } && target.StartsWith("#", System.StringComparison.Ordinal))
                {
                    FrontmatterJsonWriter.WriteString(RewriteReference(input, target), json);
                }
                else
                {
                    FrontmatterJsonWriter.Write(entry.Value, json, target => RewriteReference(input, target));
                }
            }

            json.Append('}');
            return;
        }

        json.Append('{');
        var type = input.Type switch
        {
            SkillInputType.Number => "number",
            SkillInputType.Integer => "integer",
            SkillInputType.Boolean => "boolean",
            SkillInputType.Json => null,
            _ => "string",
        };
        var first = true;
        if (type is not null)
        {
            json.Append("\"type\":\"").Append(type).Append('"');
            first = false;
        }

        if (input.Type == SkillInputType.Url)
        {
            json.Append(",\"format\":\"uri\"");
        }

        if (input.Description is { } description)
        {
            json.Append(first ? string.Empty : ",").Append("\"description\":");
            FrontmatterJsonWriter.WriteString(description, json);
            first = false;
        }

        if (input.EnumValues.Count > 0)
        {
            json.Append(first ? string.Empty : ",").Append("\"enum\":[");
            for (var i = 0; i < input.EnumValues.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                FrontmatterJsonWriter.WriteString(input.EnumValues[i], json);
            }

            json.Append(']');
            first = false;
        }

        if (!input.Required && DefaultAsJson(input) is { } defaultJson)
        {
            json.Append(first ? string.Empty : ",").Append("\"default\":").Append(defaultJson);
        }

        json.Append('}');
    }
}
