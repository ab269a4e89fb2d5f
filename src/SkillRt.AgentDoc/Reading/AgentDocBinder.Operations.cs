using System;
using System.Collections.Generic;

namespace SkillRt.AgentDoc;

internal sealed partial class AgentDocBinder
{
    private AgentDocOperation? BindOperation(YamlFields fields)
    {
        fields.CheckKeys(
            "id", "title", "purpose", "whenToUse", "group", "tags", "http", "auth", "input", "output", "errors", "examples",
            "effect", "sideEffects", "idempotent", "rateLimit", "deprecated", "docs");
        var id = DefineId(fields, "id", _operationIds, "operation", "the operation's stable ID, such as an OpenAPI operationId");
        var title = fields.String("title", "a short title, such as 'Send an email'");
        var purpose = fields.String("purpose", "what the operation does and returns, for an agent choosing among operations");
        Refer(fields, "group", "group");
        ReferEach(fields, "auth", "authentication");

        AgentDocHttp? http = null;
        if (fields.Child("http") is { } httpFields)
        {
            httpFields.CheckKeys("method", "path", "contentType");
            var method = OneOf(httpFields, "method", AgentDocRules.Methods, required: "the HTTP method in uppercase, such as 'POST'");
            var path = httpFields.String("path", "the path relative to a base URL, such as '/emails'");
            if (path is not null && !path.StartsWith("/", StringComparison.Ordinal))
            {
                httpFields.Report(AgentDocDiagnosticDescriptors.InvalidValue, httpFields.Node("path")!.Span, httpFields.PlaceOf("path"), path, "a path starts with '/', such as '/emails/{email_id}'");
                path = null;
            }

            http = method is null || path is null ? null : new AgentDocHttp(method, path, httpFields.String("contentType"));
        }

        var errors = new List<AgentDocError>();
        foreach (var item in fields.Items("errors"))
        {
            item.CheckKeys("status", "code", "meaning", "remedy", "retryable", "schema");
            var status = fields.Node("http") is null
                ? item.String("status", "the status or error code, such as '404'")
                : Matching(item, "status", AgentDocRules.Status, "an HTTP status such as '404', a range such as '4XX', or 'default'", "the HTTP status, such as '404'");
            var meaning = item.String("meaning", "what went wrong");
            var remedy = item.String("remedy", "what the agent should do about it");
            var retryable = item.Bool("retryable");
            var schema = Schema(item, "schema");
            if (status is not null && meaning is not null && remedy is not null)
            {
                errors.Add(new AgentDocError { Status = status, Code = item.String("code"), Meaning = meaning, Remedy = remedy, Retryable = retryable, Schema = schema });
            }
        }

        var examples = new List<AgentDocExample>();
        foreach (var item in fields.Items("examples"))
        {
            item.CheckKeys("title", "input", "output");
            examples.Add(new AgentDocExample(item.String("title"), item.Json("input"), item.Json("output")));
        }

        AgentDocRateLimit? rateLimit = null;
        if (fields.Child("rateLimit") is { } limitFields)
        {
            limitFields.CheckKeys("description", "requests", "window");
            var description = limitFields.String("description", "the limit in words, and how the API signals it");
            var window = Matching(limitFields, "window", AgentDocRules.Duration, "write an ISO 8601 duration such as 'PT1S' or 'PT1M'", null);
            rateLimit = description is null ? null : new AgentDocRateLimit(description, limitFields.Int("requests"), window);
        }

        var input = Schema(fields, "input");
        var output = Schema(fields, "output");
        var deprecated = BindDeprecation(fields);
        var docs = Url(fields, "docs", null);
        var effect = OneOf(fields, "effect", AgentDocRules.Effects);

        return id is null || title is null || purpose is null ? null : new AgentDocOperation
        {
            Id = id,
            Title = title,
            Purpose = purpose,
            WhenToUse = fields.String("whenToUse"),
            Group = fields.String("group"),
            Tags = fields.Strings("tags"),
            Http = http,
            Auth = fields.Strings("auth"),
            Input = input,
            Output = output,
            Errors = errors,
            Examples = examples,
            Effect = effect,
            SideEffects = fields.Strings("sideEffects"),
            Idempotent = fields.Bool("idempotent"),
            RateLimit = rateLimit,
            Deprecated = deprecated,
            Docs = docs,
        };
    }

    // 'deprecated: true' is the short form of a deprecation with nothing more to say.
    private AgentDocDeprecation? BindDeprecation(YamlFields fields)
    {
        switch (fields.Node("deprecated"))
        {
            case null:
                return null;
            case FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean }:
                return fields.Bool("deprecated") == true ? new AgentDocDeprecation() : null;
            default:
                if (fields.Child("deprecated") is not { } deprecation)
                {
                    return null;
                }

                deprecation.CheckKeys("note", "replacement", "since");
                Refer(deprecation, "replacement", "operation");
                return new AgentDocDeprecation(deprecation.String("note"), deprecation.String("replacement"), deprecation.String("since"));
        }
    }
}
