using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.SemanticKernel.Parameters;

/// <summary>
/// Splits a skill's input schema into one schema per parameter, the shape Semantic Kernel needs: its
/// connectors rebuild the function's schema from the parameters alone (<c>type</c>, <c>properties</c>,
/// <c>required</c>), so anything the parameters share at the root, such as the <c>definitions</c> a
/// <c>json</c> input's <c>$defs</c> move to, would be lost and its references left dangling. References
/// into the input schema are therefore inlined. Two things cannot be expressed that way and are
/// reported instead: a schema that refers to itself (a tree, a linked list), and two inputs whose names
/// differ only in letter case (Semantic Kernel's arguments ignore case).
/// </summary>
internal static class SkillParameterSchemas
{
    // Values of these keywords are data, not schemas: a "$ref" inside an enum value is just text.
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "enum", "const", "default", "examples" };

    /// <summary>The parameters of <paramref name="inputSchema"/>; <paramref name="problems"/> says why any cannot be expressed.</summary>
    public static IReadOnlyList<SkillParameter> Split(JsonElement inputSchema, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var root = JsonNode.Parse(inputSchema.GetRawText()) as JsonObject ?? [];
        var required = root["required"] is JsonArray list
            ? list.Select(item => item?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var properties = root["properties"] as JsonObject ?? [];

        foreach (var sameName in properties.Select(p => p.Key).GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            found.Add(
                $"its inputs {string.Join(" and ", sameName.Select(n => $"'{n}'"))} differ only in letter case, and Semantic Kernel's arguments ignore case, so a call could not tell them apart; rename one of them.");
        }

        var parameters = new List<SkillParameter>(properties.Count);
        foreach (var (name, schema) in properties)
        {
            var copy = schema?.DeepClone() as JsonObject ?? [];
            var inlined = Inline(copy, root, [], name, found) as JsonObject ?? [];

            // Semantic Kernel reads a parameter's schema from a "schema" key when there is one; here such a
            // key is only an unknown keyword of the input's own schema, which constrains nothing.
            inlined.Remove("schema");
            parameters.Add(new SkillParameter(name, inlined, required.Contains(name), KindOf(inlined)));
        }

        problems = found;
        return parameters;
    }

    /// <summary>
    /// <paramref name="node"/> with every <c>$ref</c> replaced by the schema it points at; a reference
    /// already being inlined further up (<paramref name="resolving"/>) is recursion and is reported.
    /// </summary>
    private static JsonNode? Inline(JsonNode? node, JsonObject root, List<string> resolving, string input, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = Inline(array[i], root, resolving, input, problems);
                    array[i] = item?.Parent is null ? item : item.DeepClone();
                }

                return array;
            case JsonObject schema:
                if (schema["$dynamicRef"] is not null)
                {
                    problems.Add($"input '{input}': its schema uses '$dynamicRef', which a Semantic Kernel parameter cannot carry (each parameter's schema is sent on its own); use '$ref' to a definition without recursion.");
                    return schema;
                }

                foreach (var key in schema.Select(p => p.Key).ToList())
                {
                    if (key != "$ref" && !DataKeywords.Contains(key))
                    {
                        var child = Inline(schema[key], root, resolving, input, problems);
                        schema[key] = child?.Parent is null ? child : child.DeepClone();
                    }
                }

                return schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target)
                    ? Resolve(schema, target, root, resolving, input, problems)
                    : schema;
            default:
                return node;
        }
    }

    private static JsonNode Resolve(JsonObject schema, string target, JsonObject root, List<string> resolving, string input, List<string> problems)
    {
        if (resolving.Contains(target, StringComparer.Ordinal))
        {
            problems.Add(
                $"input '{input}': its schema refers to itself ('$ref': '{Original(target, input)}'), and a Semantic Kernel parameter cannot carry a recursive schema (each parameter's schema is sent on its own, without the definitions they share); give it a schema without recursion, or offer the skill through SkillCollection.CreateTools(runner), which sends the whole input schema.");
            return schema;
        }

        if (Find(root, target) is not { } referenced)
        {
            problems.Add($"input '{input}': its schema's reference '{Original(target, input)}' points outside the input schema, which a Semantic Kernel parameter cannot carry; use a reference into the input's own '$defs'.");
            return schema;
        }

        resolving.Add(target);
        var resolved = Inline(referenced.DeepClone(), root, resolving, input, problems) ?? new JsonObject();
        resolving.RemoveAt(resolving.Count - 1);

        schema.Remove("$ref");
        if (schema.Count == 0)
        {
            return resolved;
        }

        // Keywords beside "$ref" apply too (JSON Schema 2020-12): both schemas must hold.
        if (schema["allOf"] is not JsonArray all)
        {
            schema["allOf"] = all = [];
        }

        all.Add(resolved);
        return schema;
    }

    /// <summary>The node a local JSON Pointer reference (<c>#/definitions/x</c>) names, or <see langword="null"/>.</summary>
    private static JsonNode? Find(JsonObject root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? current = root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject node => node[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// A reference as the skill's author wrote it: the input schema moves a <c>json</c> input's
    /// <c>$defs</c> to <c>#/definitions/{input}.{name}</c> and its own root to <c>#/properties/{input}</c>.
    /// </summary>
    private static string Original(string target, string input)
    {
        var definitions = "#/definitions/" + input + ".";
        var own = "#/properties/" + input;
        return target.StartsWith(definitions, StringComparison.Ordinal) ? "#/$defs/" + target[definitions.Length..]
            : target == own ? "#"
            : target.StartsWith(own + "/", StringComparison.Ordinal) ? "#" + target[own.Length..]
            : target;
    }

    private static SkillParameterKind KindOf(JsonObject schema)
    {
        var types = schema["type"] switch
        {
            JsonValue single when single.TryGetValue<string>(out var type) => [type],
            JsonArray several => several.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
            _ => new List<string>(),
        };

        // Text stays text whenever text is allowed: it is what the model meant most often, and it is never misread.
        return types.Contains("string") ? SkillParameterKind.Text
            : types.Count > 0 && types.All(t => t is "number" or "integer") ? SkillParameterKind.Number
            : types.Count == 1 && types[0] == "boolean" ? SkillParameterKind.Boolean
            : SkillParameterKind.Json;
    }
}
