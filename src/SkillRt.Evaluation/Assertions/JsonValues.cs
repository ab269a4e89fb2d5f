using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.Evaluation;

/// <summary>
/// JSON equality and display for assertions. Equality is by value: numbers by their decimal value
/// (<c>1</c>, <c>1.0</c> and <c>1e0</c> are equal, as YAML's <c>1</c> must equal a model's <c>1.0</c>),
/// strings ordinally, objects regardless of key order, arrays item by item.
/// </summary>
internal static class JsonValues
{
    private const int MaxShownLength = 200;

    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        switch (left, right)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (JsonObject a, JsonObject b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var (name, value) in a)
                {
                    if (!b.TryGetPropertyValue(name, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonArray a, JsonArray b):
                return a.Count == b.Count && a.Select((item, i) => AreEqual(item, b[i])).All(same => same);
            case (JsonValue a, JsonValue b):
                return ValueEquals(a, b);
            default:
                return false;
        }
    }

    /// <summary>The node's value as a number, when it is a JSON number.</summary>
    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && double.TryParse(json.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The node's text, when it is a JSON string.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue json && json.GetValueKind() == JsonValueKind.String)
        {
            value = json.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    // Messages and reports show the text as written ("<b>", "é"), not as \u003Cb\u003E: every report
    // encodes for its own medium (HTML, XML), and JSON written for storage keeps the default escaping.
    private static readonly JsonWriterOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions ReadableIndented = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Compact JSON for a message, shortened past 200 characters.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node is null ? "null" : Write(node, Readable);
        return text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…");
    }

    /// <summary>Indented JSON with the text as written, for reports.</summary>
    public static string Pretty(JsonElement element)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ReadableIndented))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Write(JsonNode node, JsonWriterOptions options)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What kind of JSON value the node is, for messages ("a string", "an array"…).</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "a value",
    };

    private static bool ValueEquals(JsonValue a, JsonValue b)
    {
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                return string.Equals(a.GetValue<string>(), b.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                // decimal first: exact for what people write (0.1 + 0.2 style drift never arises); double for the rest.
                var left = a.ToJsonString();
                var right = b.ToJsonString();
                if (decimal.TryParse(left, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
                    && decimal.TryParse(right, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var y))
                {
                    return x == y;
                }

                return TryGetNumber(a, out var p) && TryGetNumber(b, out var q) && p.Equals(q);
            default:
                // true, false and null: the kind is the value.
                return true;
        }
    }
}
