using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The component schemas of an OpenAPI 3.1 document, each made a standalone JSON Schema the way a
/// skill author would paste it: its <c>#/components/schemas/X</c> references rewritten to
/// <c>#/$defs/X</c>, and every component it reaches (directly or through others) brought into its
/// <c>$defs</c>. Also the document's examples of those schemas: a component's own
/// <c>example</c>/<c>examples</c>, and the JSON responses in <c>x-oaiMeta</c> of operations whose
/// success response is one component.
/// </summary>
internal sealed class OpenApiSchemas
{
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly JsonObject _components;
    private readonly Dictionary<string, HashSet<string>> _direct = new(StringComparer.Ordinal);

    private OpenApiSchemas(JsonObject document)
    {
        Document = document;
        _components = document["components"]!["schemas"]!.AsObject();
        foreach (var (name, schema) in _components)
        {
            var references = new HashSet<string>(StringComparer.Ordinal);
            CollectReferences(schema, references);
            _direct[name] = references;
        }
    }

    public JsonObject Document { get; }

    public IEnumerable<string> Names => _components.Select(c => c.Key);

    public static OpenApiSchemas Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        return new OpenApiSchemas(ToJson(yaml.Documents[0].RootNode)!.AsObject());
    }

    /// <summary>The component <paramref name="name"/> as one JSON Schema document, with the components it reaches in <c>$defs</c>.</summary>
    public JsonObject Standalone(string name)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.Count > 0)
        {
            foreach (var next in _direct.TryGetValue(pending.Pop(), out var direct) ? direct : [])
            {
                if (reached.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        var schema = Rewrite(_components[name]!).AsObject();
        if (reached.Count > 0)
        {
            var defs = new JsonObject();
            foreach (var reference in reached.Where(_components.ContainsKey))
            {
                defs[reference] = Rewrite(_components[reference]!);
            }

            schema["$defs"] = defs;
        }

        return schema;
    }

    /// <summary>The document's examples as (component, JSON text, where it comes from).</summary>
    public List<(string Component, string Json, string Source)> Examples()
    {
        var examples = new List<(string, string, string)>();
        foreach (var (name, schema) in _components)
        {
            if (schema is not JsonObject body)
            {
                continue;
            }

            if (body["example"] is { } example)
            {
                examples.Add((name, example.ToJsonString(), $"components/schemas/{name}/example"));
            }

            if (body["examples"] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    examples.Add((name, list[i]?.ToJsonString() ?? "null", $"components/schemas/{name}/examples/{i}"));
                }
            }
        }

        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject op || SuccessComponent(op) is not { } component || op["x-oaiMeta"]?["examples"] is not { } metaExamples)
                {
                    continue;
                }

                var list = metaExamples is JsonArray array ? array.ToList() : [metaExamples];
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i]?["response"] is JsonValue response && response.TryGetValue<string>(out var text) && IsJson(text))
                    {
                        examples.Add((component, text, $"paths/{path}/{method}/x-oaiMeta/examples/{i}/response"));
                    }
                }
            }
        }

        return examples;
    }

    private static string? SuccessComponent(JsonObject operation)
    {
        var responses = operation["responses"]?.AsObject();
        var success = responses?.FirstOrDefault(r => r.Key.StartsWith('2')).Value;
        var reference = success?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        return reference is not null && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? reference[ComponentPrefix.Length..] : null;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void CollectReferences(JsonNode? node, HashSet<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var text) && text.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                    {
                        references.Add(text[ComponentPrefix.Length..]);
                    }
                    else
                    {
                        CollectReferences(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectReferences(item, references);
                }

                break;
        }
    }

    private static JsonNode Rewrite(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(
            p.Key,
            p.Key == "$ref" && p.Value is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith(ComponentPrefix, StringComparison.Ordinal)
                ? JsonValue.Create("#/$defs/" + text[ComponentPrefix.Length..].Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))
                : p.Value is null ? null : Rewrite(p.Value)))),
        JsonArray array => new JsonArray(array.Select(i => i is null ? null : Rewrite(i)).ToArray()),
        _ => node.DeepClone(),
    };

    /// <summary>YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones are strings.</summary>
    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[((YamlScalarNode)key).Value!] = ToJson(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(ToJson).ToArray());
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is not ScalarStyle.Plain)
                {
                    return JsonValue.Create(text);
                }

                if (text is "" or "~" or "null" or "Null" or "NULL")
                {
                    return null;
                }

                if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
                {
                    return JsonValue.Create(text[0] is 't' or 'T');
                }

                if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') && text.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
                {
                    try
                    {
                        return JsonNode.Parse(text.TrimStart('+'));
                    }
                    catch (JsonException)
                    {
                    }
                }

                return JsonValue.Create(text);
            default:
                return null;
        }
    }
}
