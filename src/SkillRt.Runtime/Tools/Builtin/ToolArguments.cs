using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// Reads the arguments of a built-in tool call. A model's arguments arrive as <see cref="JsonElement"/>
/// values; a host calling the tool directly may pass plain strings, numbers and lists. A missing or
/// mistyped argument is an <see cref="ArgumentException"/>, which the gate reports to the model.
/// </summary>
internal static class ToolArguments
{
    /// <summary>A required string.</summary>
    public static string GetString(AIFunctionArguments arguments, string name) =>
        GetOptionalString(arguments, name) ?? throw Missing(name, "a string");

    /// <summary>A string, or <see langword="null"/> when the argument is absent or null.</summary>
    public static string? GetOptionalString(AIFunctionArguments arguments, string name) =>
        Find(arguments, name) switch
        {
            null => null,
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            var other => throw WrongType(name, "a string", other),
        };

    /// <summary>An integer, or <paramref name="defaultValue"/> when the argument is absent or null.</summary>
    public static int GetInt32(AIFunctionArguments arguments, string name, int defaultValue) =>
        Find(arguments, name) switch
        {
            null => defaultValue,
            int number => number,
            long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out var number) => number,
            JsonElement { ValueKind: JsonValueKind.Null } => defaultValue,
            // Some models quote numbers.
            string text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            JsonElement { ValueKind: JsonValueKind.String } element
                when int.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            var other => throw WrongType(name, "an integer", other),
        };

    /// <summary>A boolean, or <paramref name="defaultValue"/> when the argument is absent or null.</summary>
    public static bool GetBoolean(AIFunctionArguments arguments, string name, bool defaultValue) =>
        Find(arguments, name) switch
        {
            null => defaultValue,
            bool flag => flag,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            JsonElement { ValueKind: JsonValueKind.Null } => defaultValue,
            string text when bool.TryParse(text, out var flag) => flag,
            JsonElement { ValueKind: JsonValueKind.String } element when bool.TryParse(element.GetString(), out var flag) => flag,
            var other => throw WrongType(name, "true or false", other),
        };

    /// <summary>A list of strings; empty when the argument is absent or null.</summary>
    public static IReadOnlyList<string> GetStringList(AIFunctionArguments arguments, string name)
    {
        switch (Find(arguments, name))
        {
            case null:
            case JsonElement { ValueKind: JsonValueKind.Null }:
                return [];
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                var items = new List<string>(array.GetArrayLength());
                foreach (var item in array.EnumerateArray())
                {
                    items.Add(item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString()!,
                        // Numbers and booleans are fine as command-line arguments; their JSON text is what was meant.
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => item.GetRawText(),
                        _ => throw Invalid($"The argument '{name}' must be a list of strings, but one item is {Describe(item)}."),
                    });
                }

                return items;
            // One argument where a list was expected; splitting it at spaces would guess at quoting.
            case string text:
                return [text];
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return [element.GetString()!];
            case IEnumerable<string> strings:
                return [.. strings];
            case var other:
                throw WrongType(name, "a list of strings", other);
        }
    }

    /// <summary>An argument that is missing, of the wrong type or of a value the tool cannot use.</summary>
    /// <remarks>
    /// The message names the argument itself; <see cref="ArgumentException.ParamName"/> is left
    /// unset because it would append "(Parameter '…')" to the message the model reads.
    /// </remarks>
    public static ArgumentException Invalid(string message) => new(message);

    private static object? Find(AIFunctionArguments arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value : null;

    private static ArgumentException Missing(string name, string expected) =>
        Invalid($"The argument '{name}' is required: {expected}.");

    private static ArgumentException WrongType(string name, string expected, object value) =>
        Invalid($"The argument '{name}' must be {expected}, not {Describe(value)}.");

    private static string Describe(object value) => value switch
    {
        JsonElement element => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "the string " + element.GetRawText(),
            JsonValueKind.Number => "the number " + element.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "null",
        },
        string text => "the string \"" + text + "\"",
        _ => "a " + value.GetType().Name,
    };
}
