using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// Turns a JSON Schema (a skill's output schema, or a json input's) into a tree people read:
/// object properties with their types and required marks, array items, alternatives
/// (anyOf/oneOf/allOf), additional properties and definitions. <c>$ref</c> is shown as text and
/// never followed, so a recursive schema cannot loop; depth and size are bounded, and what is left
/// out is counted (the raw JSON beside the tree has everything).
/// </summary>
internal static class SchemaTreeBuilder
{
    /// <summary>The deepest nesting shown.</summary>
    public const int MaxDepth = 16;

    /// <summary>The most lines one tree shows.</summary>
    public const int MaxNodes = 400;

    private static readonly string[] ConstraintKeywords =
    [
        "format", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "const", "default",
    ];

    /// <summary>The tree of <paramref name="schema"/>: its root line, whose children are the properties or items.</summary>
    public static SchemaNode Build(JsonElement schema)
    {
        var budget = new Budget();
        return Node(null, schema, required: false, depth: 0, budget);
    }

    private sealed class Budget
    {
        public int Left { get; set; } = MaxNodes;
    }

    private static SchemaNode Node(string? name, JsonElement schema, bool required, int depth, Budget budget)
    {
        budget.Left--;
        if (schema.ValueKind == JsonValueKind.True)
        {
            return Leaf(name, "any value", required);
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            return Leaf(name, "no value allowed", required);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return Leaf(name, "(not a schema)", required);
        }

        var children = new List<SchemaNode>();
        var reference = schema.TryGetProperty("$ref", out var refValue) && refValue.ValueKind == JsonValueKind.String ? refValue.GetString() : null;
        var description = Text(schema, "description") ?? Text(schema, "title");
        var enumValues = schema.TryGetProperty("enum", out var enumElement) && enumElement.ValueKind == JsonValueKind.Array
            ? enumElement.EnumerateArray().Select(Literal).ToList()
            : [];
        var type = TypeWords(schema, reference, enumValues.Count > 0);

        if (depth >= MaxDepth)
        {
            return new SchemaNode(name, type, required, enumValues, description, reference, ["nested deeper than shown; see the raw JSON"], []);
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var requiredNames = schema.TryGetProperty("required", out var requiredList) && requiredList.ValueKind == JsonValueKind.Array
                ? requiredList.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            Add(children, properties.EnumerateObject().Select(p => (p.Name, p.Value, requiredNames.Contains(p.Name))), depth, budget);
        }

        if (schema.TryGetProperty("items", out var items) && items.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
        {
            Add(children, [("each item", items, false)], depth, budget);
        }

        if (schema.TryGetProperty("prefixItems", out var prefixItems) && prefixItems.ValueKind == JsonValueKind.Array)
        {
            Add(children, prefixItems.EnumerateArray().Select((item, i) => (Ordinal("item", i), item, false)), depth, budget);
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            Add(children, [("other properties", additional, false)], depth, budget);
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                var label = keyword == "allOf" ? "all of, part" : keyword == "oneOf" ? "exactly one of, option" : "any of, option";
                Add(children, alternatives.EnumerateArray().Select((item, i) => (Ordinal(label, i), item, false)), depth, budget);
            }
        }

        foreach (var keyword in new[] { "$defs", "definitions" })
        {
            if (depth == 0 && schema.TryGetProperty(keyword, out var definitions) && definitions.ValueKind == JsonValueKind.Object)
            {
                Add(children, definitions.EnumerateObject().Select(d => ($"#/{keyword}/{d.Name}", d.Value, false)), depth, budget);
            }
        }

        return new SchemaNode(name, type, required, enumValues, description, reference, Constraints(schema), children);
    }

    private static void Add(List<SchemaNode> children, IEnumerable<(string Name, JsonElement Schema, bool Required)> entries, int depth, Budget budget)
    {
        var list = entries.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (budget.Left <= 0)
            {
                children.Add(Leaf(null, $"{list.Count - i} more not shown; see the raw JSON", required: false));
                return;
            }

            children.Add(Node(list[i].Name, list[i].Schema, list[i].Required, depth + 1, budget));
        }
    }

    private static string TypeWords(JsonElement schema, string? reference, bool hasEnum)
    {
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
                _ => [],
            }
            : new List<string>();
        if (types.Count == 0)
        {
            types.Add(
                reference is not null ? "reference"
                : schema.TryGetProperty("properties", out _) ? "object"
                : schema.TryGetProperty("items", out _) ? "array"
                : schema.TryGetProperty("const", out _) ? "constant"
                : hasEnum ? "one of the values"
                : schema.TryGetProperty("oneOf", out _) || schema.TryGetProperty("anyOf", out _) || schema.TryGetProperty("allOf", out _) ? "combined"
                : "any value");
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] == "array" && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
            {
                var itemType = items.TryGetProperty("type", out var it) && it.ValueKind == JsonValueKind.String ? it.GetString()
                    : items.TryGetProperty("$ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()
                    : null;
                if (itemType is not null)
                {
                    types[i] = "array of " + itemType;
                }
            }
        }

        return string.Join(" or ", types);
    }

    private static List<string> Constraints(JsonElement schema)
    {
        var found = new List<string>();
        foreach (var keyword in ConstraintKeywords)
        {
            if (schema.TryGetProperty(keyword, out var value))
            {
                found.Add(keyword + ": " + Literal(value));
            }
        }

        return found;
    }

    private static SchemaNode Leaf(string? name, string type, bool required) => new(name, type, required, [], null, null, [], []);

    private static string Ordinal(string label, int index) => label + " " + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Enum values and constraints as their JSON text: a string shows without quotes, anything else as JSON.
    private static string Literal(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
