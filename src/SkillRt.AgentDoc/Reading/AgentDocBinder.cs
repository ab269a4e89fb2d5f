using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Turns the YAML tree of an agent-doc.yaml into an <see cref="AgentDocument"/>, checking every rule of the
/// spec on the way and reporting each break at its line. One partial file per part of the document.
/// </summary>
internal sealed partial class AgentDocBinder
{
    private readonly FrontmatterMapping _root;
    private readonly List<SkillDiagnostic> _diagnostics;

    // Every ID defined, with where, so a reference to one can be checked once all are known.
    private readonly Dictionary<string, FrontmatterScalar> _operationIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FrontmatterScalar> _groupIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FrontmatterScalar> _authIds = new(StringComparer.Ordinal);

    // References, checked at the end: (what it is, the referring node, its place, the hint).
    private readonly List<(string Kind, FrontmatterScalar Node, string Place)> _references = [];

    private AgentDocBinder(FrontmatterMapping root, List<SkillDiagnostic> diagnostics)
    {
        _root = root;
        _diagnostics = diagnostics;
    }

    public static AgentDocument? Bind(FrontmatterMapping root, List<SkillDiagnostic> diagnostics)
    {
        var binder = new AgentDocBinder(root, diagnostics);
        return binder.BindDocument();
    }

    private AgentDocument? BindDocument()
    {
        var fields = new YamlFields(_root, string.Empty, _diagnostics);
        if (!CheckSpecVersion(fields))
        {
            return null;
        }

        fields.CheckKeys("agentDoc", "identity", "summary", "concepts", "authentication", "baseUrls", "groups", "operations", "workflows", "schemas", "links");
        var identity = BindIdentity(fields.Child("identity", "the name, version and source of what is documented"));
        var summary = fields.String("summary", "a paragraph telling an agent what the API is for and how to approach it") ?? string.Empty;

        var concepts = new List<AgentDocConcept>();
        foreach (var item in fields.Items("concepts"))
        {
            item.CheckKeys("name", "description");
            var name = item.String("name", "the concept's name");
            var description = item.String("description", "what it is and why it matters to a caller");
            if (name is not null && description is not null)
            {
                concepts.Add(new AgentDocConcept(name, description));
            }
        }

        var authentication = fields.Items("authentication").Select(BindAuthentication).OfType<AgentDocAuthentication>().ToList();
        var baseUrls = fields.Strings("baseUrls");
        var groups = fields.Items("groups").Select(BindGroup).OfType<AgentDocGroup>().ToList();
        var operations = fields.Items("operations").Select(BindOperation).OfType<AgentDocOperation>().ToList();
        var workflows = BindWorkflows(fields);
        var schemas = BindSchemas(fields);

        var links = new List<AgentDocLink>();
        foreach (var item in fields.Items("links"))
        {
            item.CheckKeys("title", "url", "kind");
            var title = item.String("title", "what the page is");
            var url = Url(item, "url", "the page's address");
            var kind = OneOf(item, "kind", AgentDocRules.LinkKinds);
            if (title is not null && url is not null)
            {
                links.Add(new AgentDocLink(title, url, kind));
            }
        }

        CheckReferences();
        CheckSchemaReferences();

        return identity is null ? null : new AgentDocument
        {
            Identity = identity,
            Summary = summary,
            Concepts = concepts,
            Authentication = authentication,
            BaseUrls = baseUrls,
            Groups = groups,
            Operations = operations,
            Workflows = workflows,
            Schemas = schemas,
            Links = links,
        };
    }

    private bool CheckSpecVersion(YamlFields fields)
    {
        var node = _root.Find("agentDoc");
        if (node is null)
        {
            fields.Report(
                AgentDocDiagnosticDescriptors.NotAnAgentDoc,
                _root.Entries.Count > 0 ? _root.Entries[0].Key.Span : _root.Span,
                $"The file has no 'agentDoc' key, so it is not an agent-doc; start it with 'agentDoc: \"{AgentDocSpec.Version}\"' (spec/AGENT-DOC-SPEC.md)");
            return false;
        }

        if (node.Value is not FrontmatterScalar { Value: var version } scalar || version != AgentDocSpec.Version)
        {
            fields.Report(
                AgentDocDiagnosticDescriptors.NotAnAgentDoc,
                node.Value.Span,
                $"agentDoc '{(node.Value as FrontmatterScalar)?.Value}' is not a spec version this reader knows; it reads \"{AgentDocSpec.Version}\". Write that, or update SkillRt");
            return false;
        }

        return true;
    }

    private static AgentDocIdentity? BindIdentity(YamlFields? fields)
    {
        if (fields is null)
        {
            return null;
        }

        fields.CheckKeys("name", "version", "title", "source", "contentHash");
        var name = Matching(fields, "name", AgentDocRules.Name, AgentDocRules.NameRule, "the library or API's name, such as 'resend'");
        var version = fields.String("version", "the version of the API documented, such as '1.5.0'");
        AgentDocSource? source = null;
        if (fields.Child("source") is { } sourceFields)
        {
            sourceFields.CheckKeys("kind", "uri", "formatVersion", "sha256");
            var kind = OneOf(sourceFields, "kind", AgentDocRules.SourceKinds, required: "what the text was made from, such as 'openapi'");
            source = kind is null ? null : new AgentDocSource
            {
                Kind = kind,
                Uri = sourceFields.String("uri"),
                FormatVersion = sourceFields.String("formatVersion"),
                Sha256 = Matching(sourceFields, "sha256", AgentDocRules.Hash, "write 'sha256:' and 64 lowercase hex digits", null),
            };
        }

        var contentHash = Matching(fields, "contentHash", AgentDocRules.Hash, "write 'sha256:' and 64 lowercase hex digits", null);
        return name is null || version is null ? null : new AgentDocIdentity
        {
            Name = name,
            Version = version,
            Title = fields.String("title"),
            Source = source,
            ContentHash = contentHash,
        };
    }

    private AgentDocAuthentication? BindAuthentication(YamlFields fields)
    {
        fields.CheckKeys("id", "type", "scheme", "in", "name", "description", "scopes");
        var id = DefineId(fields, "id", _authIds, "authentication", "the ID operations name in 'auth'");
        var type = OneOf(fields, "type", AgentDocRules.AuthTypes, required: "how to authenticate, such as 'http'");
        var location = OneOf(fields, "in", AgentDocRules.AuthLocations);
        return id is null || type is null ? null : new AgentDocAuthentication
        {
            Id = id,
            Type = type,
            Scheme = fields.String("scheme"),
            In = location,
            ParameterName = fields.String("name"),
            Description = fields.String("description"),
            Scopes = fields.Strings("scopes"),
        };
    }

    private AgentDocGroup? BindGroup(YamlFields fields)
    {
        fields.CheckKeys("id", "title", "description");
        var id = DefineId(fields, "id", _groupIds, "group", "the ID operations name in 'group'");
        var title = fields.String("title", "the group's title");
        return id is null || title is null ? null : new AgentDocGroup(id, title, fields.String("description"));
    }

    private List<AgentDocSchema> BindSchemas(YamlFields fields)
    {
        var schemas = new List<AgentDocSchema>();
        if (fields.Child("schemas") is not { } mapping)
        {
            return schemas;
        }

        foreach (var entry in mapping.Mapping.Entries)
        {
            if (Schema(entry.Value, "schemas." + entry.Name) is { } schema)
            {
                schemas.Add(new AgentDocSchema(entry.Name, schema));
            }
        }

        return schemas;
    }

    /// <summary>A JSON Schema: a mapping or a boolean. Its <c>$ref</c>s are checked with all the others at the end.</summary>
    private JsonNode? Schema(FrontmatterNode node, string place)
    {
        switch (node)
        {
            case FrontmatterMapping:
            case FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean }:
                return YamlFields.ToJson(node);
            default:
                _diagnostics.Add(AgentDocDiagnosticDescriptors.WrongType.Create(node.Span, "'" + place + "'", "a JSON Schema (a mapping, or true or false)", node.KindDescription));
                return null;
        }
    }

    private JsonNode? Schema(YamlFields fields, string key) =>
        fields.Node(key) is { } node ? Schema(node, fields.PlaceOf(key)) : null;

    private static string? DefineId(YamlFields fields, string key, Dictionary<string, FrontmatterScalar> defined, string kind, string hint)
    {
        var id = Matching(fields, key, AgentDocRules.Id, AgentDocRules.IdRule, hint);
        if (id is null)
        {
            return null;
        }

        var node = (FrontmatterScalar)fields.Node(key)!;
        if (defined.TryGetValue(id, out var first))
        {
            fields.Report(AgentDocDiagnosticDescriptors.DuplicateId, node.Span, fields.PlaceOf(key), kind, id, first.Span.StartLine);
            return null;
        }

        defined.Add(id, node);
        return id;
    }

    private void Refer(YamlFields fields, string key, string kind)
    {
        if (fields.Node(key) is FrontmatterScalar scalar)
        {
            _references.Add((kind, scalar, fields.PlaceOf(key)));
        }
    }

    private void ReferEach(YamlFields fields, string key, string kind)
    {
        switch (fields.Node(key))
        {
            case FrontmatterScalar scalar:
                _references.Add((kind, scalar, fields.PlaceOf(key)));
                break;
            case FrontmatterSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (sequence.Items[i] is FrontmatterScalar item)
                    {
                        _references.Add((kind, item, fields.PlaceOf(key) + "[" + i + "]"));
                    }
                }

                break;
        }
    }

    private void CheckReferences()
    {
        foreach (var (kind, node, place) in _references)
        {
            var (defined, what, hint) = kind switch
            {
                "group" => (_groupIds, "a group", "add it to 'groups', or name one of its IDs"),
                "authentication" => (_authIds, "an authentication", "add it to 'authentication', or name one of its IDs"),
                _ => (_operationIds, "an operation", "name the 'id' of one of the document's operations"),
            };
            if (!defined.ContainsKey(node.Value))
            {
                _diagnostics.Add(AgentDocDiagnosticDescriptors.UnknownReference.Create(node.Span, place, node.Value, what, hint));
            }
        }
    }

    private static string? Matching(YamlFields fields, string key, System.Text.RegularExpressions.Regex rule, string ruleText, string? requiredHint)
    {
        var value = fields.String(key, requiredHint);
        if (value is not null && !rule.IsMatch(value))
        {
            fields.Report(AgentDocDiagnosticDescriptors.InvalidValue, fields.Node(key)!.Span, fields.PlaceOf(key), value, ruleText);
            return null;
        }

        return value;
    }

    private static string? OneOf(YamlFields fields, string key, string[] allowed, string? required = null)
    {
        var value = fields.String(key, required);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            fields.Report(AgentDocDiagnosticDescriptors.InvalidValue, fields.Node(key)!.Span, fields.PlaceOf(key), value, AgentDocRules.OneOf(allowed));
            return null;
        }

        return value;
    }

    private static string? Url(YamlFields fields, string key, string? requiredHint)
    {
        var value = fields.String(key, requiredHint);
        if (value is not null && !AgentDocRules.IsHttpUrl(value))
        {
            fields.Report(AgentDocDiagnosticDescriptors.InvalidValue, fields.Node(key)!.Span, fields.PlaceOf(key), value, "write an absolute http or https URL");
            return null;
        }

        return value;
    }
}
