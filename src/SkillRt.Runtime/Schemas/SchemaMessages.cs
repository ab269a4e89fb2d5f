using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SkillRt.Serialization;

namespace SkillRt.Schemas;

/// <summary>
/// The words of schema errors, the same as the generated checks use (<see cref="SkillJsonReader"/>):
/// values named as <c>the string "bugg"</c> or <c>the number 4</c>, counts with their noun.
/// </summary>
internal static class SchemaMessages
{
    private const int MaxListed = 20;

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{SkillJsonReader.Excerpt(SafeString(element))}\"",
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    public static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The expected types, as in "Expected a string or null".</summary>
    public static string TypeNames(SchemaTypes types)
    {
        var names = new List<string>(7);
        if ((types & SchemaTypes.Object) != 0)
        {
            names.Add("an object");
        }

        if ((types & SchemaTypes.Array) != 0)
        {
            names.Add("an array");
        }

        if ((types & SchemaTypes.String) != 0)
        {
            names.Add("a string");
        }

        if ((types & SchemaTypes.Number) != 0)
        {
            names.Add("a number");
        }
        else if ((types & SchemaTypes.Integer) != 0)
        {
            names.Add("an integer");
        }

        if ((types & SchemaTypes.Boolean) != 0)
        {
            names.Add("true or false");
        }

        if ((types & SchemaTypes.Null) != 0)
        {
            names.Add("null");
        }

        return names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " or " + names[^1];
    }

    /// <summary>A value as compact JSON, cut to a readable length.</summary>
    public static string Json(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.String ? "\"" + SkillJsonReader.Excerpt(SafeString(element)) + "\"" : element.GetRawText();
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    /// <summary>The allowed values of an enum, comma-separated, at most twenty.</summary>
    public static string List(JsonElement[] values)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < values.Length && i < MaxListed; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(Json(values[i]));
        }

        return values.Length > MaxListed ? builder.Append(", …").ToString() : builder.ToString();
    }

    /// <summary>What an object with <c>additionalProperties: false</c> allows, as the generated checks word it.</summary>
    public static string Allowed(SchemaNode node)
    {
        var names = node.Properties is { Length: > 0 } properties ? string.Join(", ", Array.ConvertAll(properties, p => "'" + p.Name + "'")) : null;
        var patterns = node.PatternProperties is { Length: > 0 } matched ? string.Join(", ", Array.ConvertAll(matched, p => p.Pattern.Source)) : null;
        return (names, patterns) switch
        {
            (null, null) => "the object may have no properties",
            (_, null) => "the allowed properties are " + names,
            (null, _) => "property names must match " + patterns,
            _ => $"the allowed properties are {names} and names matching {patterns}",
        };
    }

    public static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s");

    /// <summary>A string's length in Unicode code points, as JSON Schema counts it.</summary>
    public static int CodePoints(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value[i - 1], value[i]))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>A hash that JSON-equal values share: numbers by value, objects regardless of property order.</summary>
    public static int Hash(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return StringComparer.Ordinal.GetHashCode(SafeString(element));
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) ? number.GetHashCode() : 17;
            case JsonValueKind.Array:
                var hash = 19;
                foreach (var item in element.EnumerateArray())
                {
                    hash = HashCode.Combine(hash, Hash(item));
                }

                return hash;
            case JsonValueKind.Object:
                var sum = 23;
                foreach (var property in element.EnumerateObject())
                {
                    sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(property.Name), Hash(property.Value));
                }

                return sum;
            default:
                return (int)element.ValueKind;
        }
    }

    // A string that escapes a lone surrogate cannot become a .NET string; messages show it escaped instead.
    private static string SafeString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return element.GetRawText().Trim('"');
        }
    }
}
