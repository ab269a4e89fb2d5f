using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// The JSON data model of an agent-doc: the keys and order the spec gives, absent values left out. The
/// YAML writer lays this tree out and the content hash canonicalizes it, so both see the same data.
/// </summary>
internal static class AgentDocJson
{
    public static JsonObject ToJson(AgentDocument document)
    {
        var root = new JsonObject
        {
            ["agentDoc"] = document.SpecVersion,
            ["identity"] = Identity(document.Identity),
            ["summary"] = document.Summary,
        };
        AddList(root, "concepts", document.Concepts, c => new JsonObject { ["name"] = c.Name, ["description"] = c.Description });
        AddList(root, "authentication", document.Authentication, Authentication);
        AddStrings(root, "baseUrls", document.BaseUrls);
        AddList(root, "groups", document.Groups, g => Object(("id", g.Id), ("title", g.Title), ("description", g.Description)));
        AddList(root, "operations", document.Operations, Operation);
        AddList(root, "workflows", document.Workflows, Workflow);
        if (document.Schemas.Count > 0)
        {
            var schemas = new JsonObject();
            foreach (var schema in document.Schemas)
            {
                schemas[schema.Name] = schema.Schema.DeepClone();
            }

            root["schemas"] = schemas;
        }

        AddList(root, "links", document.Links, l => Object(("title", l.Title), ("url", l.Url), ("kind", l.Kind)));
        return root;
    }

    private static JsonObject Identity(AgentDocIdentity identity)
    {
        var json = Object(("name", identity.Name), ("version", identity.Version), ("title", identity.Title));
        if (identity.Source is { } source)
        {
            json["source"] = Object(("kind", source.Kind), ("uri", source.Uri), ("formatVersion", source.FormatVersion), ("sha256", source.Sha256));
        }

        if (identity.ContentHash is not null)
        {
            json["contentHash"] = identity.ContentHash;
        }

        return json;
    }

    private static JsonObject Authentication(AgentDocAuthentication auth)
    {
        var json = Object(("id", auth.Id), ("type", auth.Type), ("scheme", auth.Scheme), ("in", auth.In), ("name", auth.ParameterName), ("description", auth.Description));
        AddStrings(json, "scopes", auth.Scopes);
        return json;
    }

    internal static JsonObject Operation(AgentDocOperation operation)
    {
        var json = Object(("id", operation.Id), ("title", operation.Title), ("purpose", operation.Purpose), ("whenToUse", operation.WhenToUse), ("group", operation.Group));
        AddStrings(json, "tags", operation.Tags);
        if (operation.Http is { } http)
        {
            json["http"] = Object(("method", http.Method), ("path", http.Path), ("contentType", http.ContentType));
        }

        AddStrings(json, "auth", operation.Auth);
        AddNode(json, "input", operation.Input);
        AddNode(json, "output", operation.Output);
        AddList(json, "errors", operation.Errors, error =>
        {
            var item = Object(("status", error.Status), ("code", error.Code), ("meaning", error.Meaning), ("remedy", error.Remedy));
            if (error.Retryable is { } retryable)
            {
                item["retryable"] = retryable;
            }

            AddNode(item, "schema", error.Schema);
            return item;
        });
        AddList(json, "examples", operation.Examples, example =>
        {
            var item = Object(("title", example.Title));
            AddNode(item, "input", example.Input);
            AddNode(item, "output", example.Output);
            return item;
        });
        if (operation.Effect is not null)
        {
            json["effect"] = operation.Effect;
        }

        AddStrings(json, "sideEffects", operation.SideEffects);
        if (operation.Idempotent is { } idempotent)
        {
            json["idempotent"] = idempotent;
        }

        if (operation.RateLimit is { } rateLimit)
        {
            var item = Object(("description", rateLimit.Description));
            if (rateLimit.Requests is { } requests)
            {
                item["requests"] = requests;
            }

            if (rateLimit.Window is not null)
            {
                item["window"] = rateLimit.Window;
            }

            json["rateLimit"] = item;
        }

        if (operation.Deprecated is { } deprecated)
        {
            json["deprecated"] = Object(("note", deprecated.Note), ("replacement", deprecated.Replacement), ("since", deprecated.Since));
        }

        if (operation.Docs is not null)
        {
            json["docs"] = operation.Docs;
        }

        return json;
    }

    internal static JsonObject Workflow(AgentDocWorkflow workflow)
    {
        var json = Object(("id", workflow.Id), ("title", workflow.Title), ("goal", workflow.Goal));
        AddList(json, "inputs", workflow.Inputs, input =>
        {
            var item = Object(("name", input.Name), ("description", input.Description));
            item["required"] = input.Required;
            return item;
        });
        var steps = new JsonArray();
        foreach (var step in workflow.Steps)
        {
            var item = Object(("id", step.Id), ("operation", step.Operation), ("description", step.Description));
            if (step.Inputs.Count > 0)
            {
                var inputs = new JsonObject();
                foreach (var (key, value) in step.Inputs)
                {
                    inputs[key] = value;
                }

                item["inputs"] = inputs;
            }

            AddStrings(item, "successCriteria", step.SuccessCriteria);
            steps.Add(item);
        }

        json["steps"] = steps;
        AddStrings(json, "successCriteria", workflow.SuccessCriteria);
        return json;
    }

    private static JsonObject Object(params (string Key, string? Value)[] members)
    {
        var json = new JsonObject();
        foreach (var (key, value) in members)
        {
            if (value is not null)
            {
                json[key] = value;
            }
        }

        return json;
    }

    private static void AddNode(JsonObject json, string key, JsonNode? node)
    {
        if (node is not null)
        {
            json[key] = node.DeepClone();
        }
    }

    private static void AddStrings(JsonObject json, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(JsonValue.Create(value));
        }

        json[key] = array;
    }

    private static void AddList<T>(JsonObject json, string key, IReadOnlyList<T> items, System.Func<T, JsonObject> convert)
    {
        if (items.Count == 0)
        {
            return;
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(convert(item));
        }

        json[key] = array;
    }
}
