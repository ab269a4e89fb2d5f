using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;

namespace SkillRt.AgentDoc;

internal sealed partial class OpenApiMapper
{
    private readonly HashSet<string> _operationIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _ignoredExtensions = new(StringComparer.Ordinal);
    private int _skippedExamples;

    private List<AgentDocOperation> MapOperations(CancellationToken cancellationToken)
    {
        // IDs the document gives are taken first, so a derived ID never takes one a later operation names.
        foreach (var (_, pathItem) in _document.Paths)
        {
            foreach (var (_, operation) in pathItem.Operations ?? [])
            {
                if (operation.OperationId is { } id && AgentDocRules.Id.IsMatch(id))
                {
                    _operationIds.Add(id);
                }
            }
        }

        var reserved = new HashSet<string>(_operationIds, StringComparer.Ordinal);
        _operationIds.Clear();
        var operations = new List<AgentDocOperation>();
        foreach (var (path, pathItem) in _document.Paths)
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                SourceOperationCount++;
                operations.Add(MapOperation(path, pathItem, method, operation, reserved));
            }
        }

        if (_ignoredExtensions.Count > 0)
        {
            _problems.Add(new(OpenApiMappingSeverity.Info, "#/paths", $"Operation extensions are not mapped (vendor-specific): {string.Join(", ", _ignoredExtensions)}"));
        }

        if (_skippedExamples > 0)
        {
            _problems.Add(new(OpenApiMappingSeverity.Info, "#/paths", $"{_skippedExamples} examples larger than {_options.MaxExampleBytes} bytes of JSON were left out to keep the agent-doc small"));
        }

        return operations;
    }

    private AgentDocOperation MapOperation(string path, IOpenApiPathItem pathItem, HttpMethod method, OpenApiOperation operation, HashSet<string> reserved)
    {
        var location = "#/paths/" + Pointer(path) + "/" + method.Method.ToLowerInvariant();
        string id;
        if (string.IsNullOrWhiteSpace(operation.OperationId))
        {
            id = UniqueId(method.Method.ToLowerInvariant() + "-" + (AgentText.Slug(path) is { Length: > 0 } slug ? slug : "root"), _operationIds.Concat(reserved).ToList(), location, "derived operation ID (the operation has no operationId)");
            _problems.Add(new(OpenApiMappingSeverity.Warning, location, $"The operation has no operationId; its agent-doc ID is '{id}', which changes if the path does. Give it an operationId"));
        }
        else
        {
            reserved.Remove(operation.OperationId);
            id = UniqueId(operation.OperationId, _operationIds.Concat(reserved).ToList(), location, "operationId");
        }

        _operationIds.Add(id);
        if (operation.Callbacks is { Count: > 0 } callbacks)
        {
            _problems.Add(new(OpenApiMappingSeverity.Info, location + "/callbacks", $"Callbacks are not mapped ({string.Join(", ", callbacks.Keys)}): they are calls the API makes to you, not calls an agent makes"));
        }

        foreach (var key in operation.Extensions?.Keys ?? [])
        {
            _ignoredExtensions.Add(key);
        }

        var tags = operation.Tags?.Select(t => t.Name).OfType<string>().ToList() ?? [];
        var group = tags.Count > 0 ? GroupFor(tags[0], operation.Tags!.First().Target?.Description).Id : null;
        var verb = method.Method.ToUpperInvariant();
        var parameters = MergeParameters(pathItem.Parameters, operation.Parameters);
        var (input, bodyType, inputExample) = Input(parameters, operation.RequestBody, location);
        var (output, successStatus, outputExample) = Output(operation.Responses, location);
        var errors = Errors(operation.Responses, location);
        var title = AgentText.FirstSentence(operation.Summary) ?? AgentText.FirstSentence(operation.Description) ?? $"{verb} {path}";
        var (effect, idempotent, sideEffects) = Effect(verb, successStatus, parameters);

        var examples = new List<AgentDocExample>();
        if (inputExample is not null || outputExample is not null)
        {
            examples.Add(new AgentDocExample("From the OpenAPI document", inputExample, outputExample));
        }

        return new AgentDocOperation
        {
            Id = id,
            Title = title,
            Purpose = Purpose(operation, title, output),
            Group = group,
            // The first tag is the group; further tags stay for search.
            Tags = tags.Skip(1).ToList(),
            Http = new AgentDocHttp(verb, path, bodyType),
            Auth = Auth(operation),
            Input = input,
            Output = output,
            Errors = errors,
            Examples = examples,
            Effect = effect,
            SideEffects = sideEffects,
            Idempotent = idempotent,
            RateLimit = RateLimit(operation.Responses),
            Deprecated = operation.Deprecated ? new AgentDocDeprecation("Marked deprecated in the OpenAPI document; prefer another operation of the same group.") : null,
            Docs = operation.ExternalDocs?.Url is { IsAbsoluteUri: true } docs && AgentDocRules.IsHttpUrl(docs.AbsoluteUri) ? docs.AbsoluteUri : null,
        };
    }

    // What the operation does, in the document's words, and what comes back: enough to choose it.
    private static string Purpose(OpenApiOperation operation, string title, JsonNode? output)
    {
        var text = AgentText.FirstParagraph(operation.Description, 400);
        if (text is null || (AgentText.FirstSentence(operation.Description) is { } first && first == title && text.TrimEnd('.') == first))
        {
            text = title.EndsWith('.') ? title : title + ".";
        }

        if (output is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith(AgentDocSpec.SchemaReferencePrefix, StringComparison.Ordinal))
        {
            text += " Returns " + reference.Substring(AgentDocSpec.SchemaReferencePrefix.Length) + ".";
        }

        return text;
    }

    // Path-level parameters apply to every operation of the path unless the operation redefines them (same name and place).
    private static List<IOpenApiParameter> MergeParameters(IList<IOpenApiParameter>? pathLevel, IList<IOpenApiParameter>? operationLevel)
    {
        var merged = new List<IOpenApiParameter>(operationLevel ?? []);
        foreach (var parameter in pathLevel ?? [])
        {
            if (!merged.Any(p => p.Name == parameter.Name && p.In == parameter.In))
            {
                merged.Add(parameter);
            }
        }

        return merged;
    }

    private (JsonNode? Schema, string? ContentType, JsonNode? Example) Input(List<IOpenApiParameter> parameters, IOpenApiRequestBody? body, string location)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var group in parameters.Where(p => p.Name is not null).GroupBy(p => p.In ?? ParameterLocation.Query))
        {
            var place = group.Key switch
            {
                ParameterLocation.Path => "path",
                ParameterLocation.Header => "header",
                ParameterLocation.Cookie => "cookie",
                _ => "query",
            };
            var members = new JsonObject();
            var requiredMembers = new JsonArray();
            foreach (var parameter in group)
            {
                var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
                var json = schema is null ? new JsonObject() : SchemaJson(schema, location + "/parameters");
                if (json is JsonObject obj)
                {
                    if (AgentText.FirstParagraph(parameter.Description, 300) is { } description && obj["description"] is null)
                    {
                        obj["description"] = description;
                    }

                    if (parameter.Deprecated)
                    {
                        obj["deprecated"] = true;
                    }
                }

                members[parameter.Name!] = json;
                if (parameter.Required || place == "path")
                {
                    requiredMembers.Add(JsonValue.Create(parameter.Name));
                }
            }

            var container = new JsonObject { ["type"] = "object", ["properties"] = members };
            if (requiredMembers.Count > 0)
            {
                container["required"] = requiredMembers;
                required.Add(JsonValue.Create(place));
            }

            properties[place] = container;
        }

        string? contentType = null;
        JsonNode? example = null;
        if (body?.Content is { Count: > 0 } content)
        {
            var (type, media) = PreferredMedia(content);
            contentType = type;
            var schema = media.Schema is null ? new JsonObject() : SchemaJson(media.Schema, location + "/requestBody");
            if (schema is JsonObject obj && AgentText.FirstParagraph(body.Description, 300) is { } description && obj["description"] is null)
            {
                obj["description"] = description;
            }

            properties["body"] = schema;
            if (body.Required)
            {
                required.Add(JsonValue.Create("body"));
            }

            if (Example(media) is { } bodyExample)
            {
                example = new JsonObject { ["body"] = bodyExample };
            }
        }

        if (properties.Count == 0)
        {
            return (null, null, null);
        }

        var input = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            input["required"] = required;
        }

        return (input, contentType, example);
    }

    private (JsonNode? Schema, string? Status, JsonNode? Example) Output(OpenApiResponses? responses, string location)
    {
        string? status = null;
        foreach (var (key, response) in responses ?? [])
        {
            if (!key.StartsWith('2'))
            {
                continue;
            }

            status ??= key;
            if (response.Content is { Count: > 0 } content)
            {
                var (_, media) = PreferredMedia(content);
                var schema = media.Schema is null ? null : SchemaJson(media.Schema, location + "/responses/" + key);
                return (schema, key, Example(media));
            }
        }

        return (null, status, null);
    }

    // JSON first (what an agent reads and writes best), then any other JSON-like type, then the first.
    private static (string Type, IOpenApiMediaType Media) PreferredMedia(IDictionary<string, IOpenApiMediaType> content)
    {
        foreach (var (type, media) in content)
        {
            if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return (type, media);
            }
        }

        foreach (var (type, media) in content)
        {
            if (type.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return (type, media);
            }
        }

        var first = content.First();
        return (first.Key, first.Value);
    }

    private JsonNode? Example(IOpenApiMediaType media)
    {
        var example = media.Example ?? media.Examples?.Values.FirstOrDefault()?.Value;
        if (example is null)
        {
            return null;
        }

        if (example.ToJsonString().Length > _options.MaxExampleBytes)
        {
            _skippedExamples++;
            return null;
        }

        return example.DeepClone();
    }

    private List<string> Auth(OpenApiOperation operation)
    {
        var requirements = operation.Security ?? _document.Security ?? [];
        var ids = new List<string>();
        foreach (var requirement in requirements)
        {
            foreach (var scheme in requirement.Keys)
            {
                var key = scheme.Reference?.Id;
                if (key is not null && _authIds.TryGetValue(key, out var id) && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    // HTTP's own semantics (RFC 9110 section 9.2): safe methods read; PUT and DELETE are idempotent; POST
    // and PATCH are not, unless the API takes an Idempotency-Key header.
    private static (string Effect, bool Idempotent, List<string> SideEffects) Effect(string verb, string? successStatus, List<IOpenApiParameter> parameters)
    {
        var idempotencyKey = parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase));
        var keyNote = idempotencyKey ? "Send an Idempotency-Key header so a retry does not repeat the effect." : null;
        List<string> Notes(string effect) => keyNote is null ? [effect] : [effect, keyNote];
        return verb switch
        {
            "GET" or "HEAD" or "OPTIONS" or "TRACE" or "QUERY" => ("read", true, []),
            "PUT" => ("update", true, Notes("Replaces the resource's state.")),
            "PATCH" => ("update", idempotencyKey, Notes("Changes the resource's state.")),
            "DELETE" => ("delete", true, Notes("Deletes the resource; this may not be reversible.")),
            _ when successStatus == "201" => ("create", idempotencyKey, Notes("Creates a resource.")),
            _ => ("action", idempotencyKey, Notes("Changes state or starts work on the server beyond returning data.")),
        };
    }

    private static AgentDocRateLimit? RateLimit(OpenApiResponses? responses)
    {
        if (responses is null || !responses.TryGetValue("429", out var tooMany))
        {
            return null;
        }

        var headers = responses.Values.SelectMany(r => r.Headers?.Keys ?? []).Where(h => h.Contains("ratelimit", StringComparison.OrdinalIgnoreCase) || h.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var description = AgentText.FirstParagraph(tooMany.Description, 200) is { } text ? "Rate limited: status 429 (" + text.TrimEnd('.') + ")." : "Rate limited: status 429 when calls come too fast.";
        if (headers.Count > 0)
        {
            description += " Watch the " + string.Join(", ", headers) + " response headers.";
        }

        return new AgentDocRateLimit(description);
    }
}
