using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

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
            RecursiveRefs += ReplaceRecursiveRefs(schema, name);
        }

        foreach (var (name, schema) in _components)
        {
            var references = new HashSet<string>(StringComparer.Ordinal);
            CollectReferences(schema, references);
            _direct[name] = references;
        }
    }

    public JsonObject Document { get; }

    /// <summary>
    /// How many <c>$recursiveRef: '#'</c> (draft 2019-09, which 2020-12 replaced) the components
    /// hold. Each means "the component I am in"; once the component is a <c>$defs</c> entry, that
    /// is a <c>$ref</c> to the entry, as SKILL0403's fix says, so it is rewritten so (and the
    /// <c>$recursiveAnchor</c> dropped).
    /// </summary>
    public int RecursiveRefs { get; private set; }

    private static int ReplaceRecursiveRefs(JsonNode? node, string component)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("$recursiveAnchor");
                if (obj["$recursiveRef"] is JsonValue value && value.TryGetValue<string>(out var target) && target == "#")
                {
                    obj.Remove("$recursiveRef");
                    obj["$ref"] = ComponentPrefix + component;
                    count++;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    count += ReplaceRecursiveRefs(child, component);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    count += ReplaceRecursiveRefs(item, component);
                }

                break;
        }

        return count;
    }

    public IEnumerable<string> Names => _components.Select(c => c.Key);

    /// <summary>Reads the document with SkillRt's YAML parser (YAML 1.2; YamlDotNet rejects a literal block this document has).</summary>
    public static OpenApiSchemas Load(string path)
    {
        var text = File.ReadAllText(path);
        var diagnostics = new List<SkillDiagnostic>();
        var root = YamlParser.Read(text, 0, text.Length, firstLine: 1, diagnostics);
        if (root is null || diagnostics.Count > 0)
        {
            throw new InvalidOperationException($"{path} did not read as YAML: {string.Join("; ", diagnostics.Take(3))}");
        }

        return new OpenApiSchemas(JsonNode.Parse(root.ToJson())!.AsObject());
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
}
