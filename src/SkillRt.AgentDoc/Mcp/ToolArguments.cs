using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.AgentDoc;

/// <summary>A tool call's arguments, read by name and type; a wrong one throws <see cref="ToolArgumentException"/> naming it.</summary>
internal sealed class ToolArguments(string tool, IDictionary<string, JsonElement>? arguments)
{
    public string RequiredString(string name)
    {
        var value = OptionalString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new ToolArgumentException($"{tool} needs the argument '{name}' (a non-empty string).")
            : value;
    }

    public string? OptionalString(string name)
    {
        if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ToolArgumentException($"{tool}: the argument '{name}' must be a string, not {Kind(value)}.");
    }

    public int? OptionalInteger(string name)
    {
        if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        // A model may send "2000" for 2000; accept a string that is a whole number.
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new ToolArgumentException($"{tool}: the argument '{name}' must be a whole number, not {Kind(value)}.");
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.String => "the string " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
