using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SkillRt.AgentDoc;

internal sealed partial class OpenApiMapper
{
    private const string ComponentSchemas = "#/components/schemas/";

    // Keys that describe presentation or a vendor's tooling, not the data: they cost tokens and help no agent.
    private static readonly HashSet<string> DroppedKeywords = new(StringComparer.Ordinal) { "xml", "externalDocs", "$schema", "$comment" };

    private readonly HashSet<string> _unresolved = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema as JSON Schema 2020-12 (the OpenAPI 3.1 dialect, whatever the source version), with its
    /// component references pointing into the agent-doc's <c>schemas</c> (<c>#/schemas/Name</c>).
    /// </summary>
    private JsonNode SchemaJson(IOpenApiSchema schema, string location)
    {
        using var text = new StringWriter();
        var writer = new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true });
        schema.SerializeAsV31(writer);
        var json = ParseSchemaJson(text.ToString(), location);
        return Rewrite(json, location);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[:\[,])(True|False)(?=[,}\]])")]
    private static partial System.Text.RegularExpressions.Regex PascalBoolean();

    // Microsoft.OpenApi 3.11 writes a boolean it kept as an object (OpenAPI 3.0's 'exclusiveMinimum: true' in a
    // 3.1 document) as .NET's 'True', which is not JSON. Such a token cannot occur inside a JSON string
    // unescaped after ':' or ',' and before ',', '}' or ']', so it is mended; anything else still broken
    // is reported and becomes an open schema.
    private JsonNode ParseSchemaJson(string text, string location)
    {
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        try
        {
            return JsonNode.Parse(PascalBoolean().Replace(text, m => m.Value.ToLowerInvariant())) ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException exception)
        {
            _problems.Add(new(OpenApiMappingSeverity.Warning, location, $"The schema could not be converted to JSON Schema ({exception.Message}); it allows any value in the agent-doc"));
            return new JsonObject { ["description"] = "(schema not converted)" };
        }
    }

    // Keywords whose value maps names to schemas: the names are data (a property may be called 'x-id' or '$ref').
    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" };

    // Keywords whose value is data, not a schema.
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "example", "examples", "enum", "const", "default", "required", "dependentRequired" };

    private JsonNode Rewrite(JsonNode node, string location)
    {
        switch (node)
        {
            case JsonObject schema:
                // Microsoft.OpenApi keeps keywords its model lacks (OpenAPI 3.0's 'nullable' in a 3.1 document) under
                // 'unrecognizedKeywords' when it writes them; they are the schema's own keywords again here.
                if (schema["unrecognizedKeywords"] is JsonObject unrecognized)
                {
                    schema.Remove("unrecognizedKeywords");
                    foreach (var name in unrecognized.Select(m => m.Key).ToList())
                    {
                        if (!schema.ContainsKey(name) && unrecognized[name] is { } keyword)
                        {
                            unrecognized.Remove(name);
                            schema[name] = keyword;
                        }
                    }
                }

                foreach (var key in schema.Select(m => m.Key).ToList())
                {
                    if (DroppedKeywords.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal) ||
                        (!_options.KeepFullSchemaText && key is "example" or "examples"))
                    {
                        schema.Remove(key);
                    }
                    else if (!_options.KeepFullSchemaText && key == "description" && schema[key] is JsonValue describedBy && describedBy.TryGetValue<string>(out var description))
                    {
                        // Descriptions are most of a large API's text; the first paragraph carries what an agent needs.
                        schema[key] = AgentText.FirstParagraph(description, 400) ?? description;
                    }
                    else if (key == "$ref" && schema[key] is JsonValue value && value.TryGetValue<string>(out var reference))
                    {
                        RewriteReference(schema, reference, location);
                    }
                    else if (key == "discriminator" && schema[key]?["mapping"] is JsonObject mapping)
                    {
                        foreach (var name in mapping.Select(m => m.Key).ToList())
                        {
                            if (mapping[name] is JsonValue target && target.TryGetValue<string>(out var text) && text.StartsWith(ComponentSchemas, StringComparison.Ordinal))
                            {
                                mapping[name] = AgentDocSpec.SchemaReferencePrefix + text.Substring(ComponentSchemas.Length);
                            }
                        }
                    }
                    else if (SchemaMaps.Contains(key) && schema[key] is JsonObject members)
                    {
                        foreach (var (_, member) in members)
                        {
                            if (member is not null)
                            {
                                Rewrite(member, location);
                            }
                        }
                    }
                    else if (!DataKeywords.Contains(key) && schema[key] is { } child)
                    {
                        Rewrite(child, location);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item, location);
                    }
                }

                break;
        }

        return node;
    }

    private void RewriteReference(JsonObject schema, string reference, string location)
    {
        if (reference.StartsWith(ComponentSchemas, StringComparison.Ordinal))
        {
            schema["$ref"] = AgentDocSpec.SchemaReferencePrefix + reference.Substring(ComponentSchemas.Length);
            return;
        }

        // Not a component schema (another file, a URL, a path elsewhere in the document): an agent cannot follow it.
        schema.Remove("$ref");
        schema["description"] = $"(unresolved reference {reference}) " + schema["description"]?.GetValue<string>();
        if (_unresolved.Add(reference))
        {
            _problems.Add(new(OpenApiMappingSeverity.Warning, location, $"The reference '{reference}' is not to a schema of this document and is not followed; the schema there allows any value"));
        }
    }

    /// <summary>
    /// The component schemas the operations use, directly or through each other, in the document's order;
    /// all of them with <see cref="OpenApiGenerationOptions.KeepUnusedSchemas"/>. A reference to a schema the
    /// document does not have is reported and turned into an open schema, so the agent-doc stays valid.
    /// </summary>
    private List<AgentDocSchema> MapSchemas(List<AgentDocOperation> operations)
    {
        var components = _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var converted = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonNode? Convert(string name)
        {
            if (!converted.TryGetValue(name, out var json) && components.TryGetValue(name, out var schema))
            {
                converted[name] = json = SchemaJson(schema, ComponentSchemas + Pointer(name));
            }

            return json;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>();
        foreach (var operation in operations)
        {
            foreach (var node in new[] { operation.Input, operation.Output }.Concat(operation.Errors.Select(e => e.Schema)))
            {
                if (node is not null)
                {
                    pending.Push(node);
                }
            }
        }

        if (_options.KeepUnusedSchemas)
        {
            foreach (var name in components.Keys)
            {
                used.Add(name);
                if (Convert(name) is { } json)
                {
                    pending.Push(json);
                }
            }
        }

        while (pending.Count > 0)
        {
            foreach (var target in References(pending.Pop()))
            {
                var name = FrontmatterPointer.Unescape(target.Split('/')[0]);
                if (used.Add(name))
                {
                    if (Convert(name) is { } json)
                    {
                        pending.Push(json);
                    }
                    else
                    {
                        _problems.Add(new(OpenApiMappingSeverity.Warning, ComponentSchemas + Pointer(name), "The schema is referred to but not in the document; it allows any value in the agent-doc"));
                        converted[name] = new JsonObject { ["description"] = $"(the OpenAPI document has no schema '{name}')" };
                    }
                }
            }
        }

        var schemas = components.Keys.Where(used.Contains).Select(name => new AgentDocSchema(name, converted[name])).ToList();
        schemas.AddRange(used.Where(name => !components.ContainsKey(name)).Order(StringComparer.Ordinal).Select(name => new AgentDocSchema(name, converted[name])));
        var unused = components.Count - components.Keys.Count(used.Contains);
        if (unused > 0)
        {
            _problems.Add(new(OpenApiMappingSeverity.Info, "#/components/schemas", $"{unused} schemas no operation uses (webhook payloads, leftovers) are left out; keep them with --keep-unused-schemas"));
        }

        return schemas;
    }

    // The names after '#/schemas/' of every reference in a schema.
    private static IEnumerable<string> References(JsonNode node)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith(AgentDocSpec.SchemaReferencePrefix, StringComparison.Ordinal))
                        {
                            yield return target.Substring(AgentDocSpec.SchemaReferencePrefix.Length);
                        }
                        else if (value is not null)
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is not null)
                        {
                            pending.Push(item);
                        }
                    }

                    break;
            }
        }
    }
}
