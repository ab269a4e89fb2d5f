using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using SkillRt.Serialization;

namespace SkillRt.Schemas;

/// <summary>
/// Turns a JSON Schema (draft 2020-12) into a graph of <see cref="SchemaNode"/>s: every subschema
/// once, every <c>$id</c>, <c>$anchor</c> and <c>$dynamicAnchor</c> registered, every <c>$ref</c>
/// and <c>$dynamicRef</c> resolved to its node. Recursive references become cycles in the graph,
/// not repeated work. Throws <see cref="ArgumentException"/> naming the schema location for a
/// schema it cannot compile (a reference to a document it does not have, a keyword of the wrong
/// type); unknown keywords are annotations and are ignored, as JSON Schema says.
/// </summary>
internal sealed class SchemaCompiler
{
    private readonly JsonSchemaValidatorOptions _options;
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);

    // Every node by "resource URI#JSON Pointer", for each resource that encloses it.
    private readonly Dictionary<string, SchemaNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaPattern> _patterns = new(StringComparer.Ordinal);
    private readonly Stack<(SchemaNode Node, string Reference, string Keyword)> _pending = new();

    private SchemaCompiler(JsonSchemaValidatorOptions options) => _options = options;

    public static SchemaNode Compile(JsonElement schema, JsonSchemaValidatorOptions options) => Compile(schema, options, string.Empty);

    /// <summary>
    /// Compiles a whole document and returns the subschema at <paramref name="pointer"/> (a JSON
    /// Pointer, empty for the root), whose references still resolve against the whole document.
    /// </summary>
    public static SchemaNode Compile(JsonElement schema, JsonSchemaValidatorOptions options, string pointer)
    {
        var compiler = new SchemaCompiler(options);
        var root = compiler.Walk(schema, SchemaUri.DefaultBase, string.Empty, [(SchemaUri.DefaultBase, string.Empty)], resource: null, isRoot: true);
        if (options.Documents is { } documents)
        {
            foreach (var (uri, document) in documents)
            {
                // Only what is referenced is ever evaluated; compiling them all keeps resolution simple.
                if (!compiler._resources.ContainsKey(uri))
                {
                    compiler.Walk(document.Clone(), uri, uri, [(uri, string.Empty)], resource: null, isRoot: true);
                }
            }
        }

        compiler.ResolvePending();
        if (pointer.Length == 0)
        {
            return root;
        }

        // A pointer taken from a $ref may be percent-encoded as URI fragments are.
        return compiler._nodes.TryGetValue(SchemaUri.DefaultBase + "#" + pointer, out var node) ||
               compiler._nodes.TryGetValue(SchemaUri.DefaultBase + "#" + Uri.UnescapeDataString(pointer), out node)
            ? node
            : throw Malformed(pointer, "no subschema is there");
    }

    private SchemaNode Walk(JsonElement element, string baseUri, string location, List<(string Uri, string Pointer)> scopes, SchemaResource? resource, bool isRoot = false)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var (uri, _) = SchemaUri.SplitFragment(SchemaUri.Resolve(baseUri, id.GetString()!));
            resource = new SchemaResource(uri, element, location);
            _resources.TryAdd(uri, resource);
            scopes = [.. scopes, (uri, string.Empty)];
        }
        else if (resource is null)
        {
            resource = new SchemaResource(baseUri, element, location);
            _resources.TryAdd(baseUri, resource);
        }

        var node = new SchemaNode(resource, location);
        foreach (var (uri, pointer) in scopes)
        {
            _nodes.TryAdd(uri + "#" + pointer, node);
        }

        if (isRoot)
        {
            // A document is also known by the URI it was given under, whatever its $id says.
            _nodes.TryAdd(baseUri + "#", node);
            _resources.TryAdd(baseUri, resource);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                node.Constant = element.ValueKind == JsonValueKind.True;
                return node;
            case JsonValueKind.Object:
                break;
            default:
                throw Malformed(location, "a schema must be an object or a boolean");
        }

        foreach (var keyword in element.EnumerateObject())
        {
            Keyword(node, keyword.Name, keyword.Value, scopes);
        }

        node.CollectsAnnotations = node.UnevaluatedItems is not null || node.UnevaluatedProperties is not null;
        return node;
    }

    private void Keyword(SchemaNode node, string name, JsonElement value, List<(string Uri, string Pointer)> scopes)
    {
        var location = node.Location + "/" + Escape(name);
        switch (name)
        {
            case "$ref":
                _pending.Push((node, String(value, location), name));
                break;
            case "$dynamicRef":
                _pending.Push((node, String(value, location), name));
                break;
            case "$anchor":
                node.Resource.Anchors.TryAdd(String(value, location), node);
                break;
            case "$dynamicAnchor":
                var anchor = String(value, location);
                node.Resource.DynamicAnchors.TryAdd(anchor, node);
                node.Resource.Anchors.TryAdd(anchor, node);
                break;
            case "$defs":
            case "definitions":
            case "properties":
            case "patternProperties":
            case "dependentSchemas":
                var map = Map(node, name, value, scopes);
                if (name == "properties")
                {
                    node.Properties = map;
                    node.DeclaredNames = new HashSet<string>(Array.ConvertAll(map, m => m.Name), StringComparer.Ordinal);
                }
                else if (name == "dependentSchemas")
                {
                    node.DependentSchemas = map;
                }
                else if (name == "patternProperties")
                {
                    node.PatternProperties = Array.ConvertAll(map, m => new SchemaNode.PatternSchema(Pattern(m.Name, location + "/" + Escape(m.Name)), m.Schema));
                }

                break;
            case "dependencies":
                // draft 7's form of dependentRequired and dependentSchemas, kept for schemas written before 2020-12.
                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed(location, "must be an object");
                }

                var schemas = new List<SchemaNode.NamedSchema>();
                var names = new List<SchemaNode.DependentNames>();
                foreach (var entry in value.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.Array)
                    {
                        names.Add(new SchemaNode.DependentNames(entry.Name, Strings(entry.Value, location + "/" + Escape(entry.Name))));
                    }
                    else
                    {
                        schemas.Add(new SchemaNode.NamedSchema(entry.Name, Child(node, entry.Value, scopes, name, entry.Name)));
                    }
                }

                node.DependentSchemas = [.. node.DependentSchemas ?? [], .. schemas];
                node.DependentRequired = [.. node.DependentRequired ?? [], .. names];
                break;
            case "allOf":
                node.AllOf = List(node, name, value, scopes);
                break;
            case "anyOf":
                node.AnyOf = List(node, name, value, scopes);
                break;
            case "oneOf":
                node.OneOf = List(node, name, value, scopes);
                break;
            case "prefixItems":
                node.PrefixItems = List(node, name, value, scopes);
                break;
            case "items":
                if (value.ValueKind == JsonValueKind.Array)
                {
                    node.PrefixItems = List(node, name, value, scopes);
                }
                else
                {
                    node.Items = Child(node, value, scopes, name);
                }

                break;
            case "additionalItems":
                // Only meaningful beside an array "items" (draft 7); 2020-12 calls it "items".
                if (node.Items is null)
                {
                    node.Items = Child(node, value, scopes, name);
                }

                break;
            case "not":
                node.Not = Child(node, value, scopes, name);
                break;
            case "if":
                node.If = Child(node, value, scopes, name);
                break;
            case "then":
                node.Then = Child(node, value, scopes, name);
                break;
            case "else":
                node.Else = Child(node, value, scopes, name);
                break;
            case "contains":
                node.Contains = Child(node, value, scopes, name);
                break;
            case "additionalProperties":
                node.AdditionalProperties = Child(node, value, scopes, name);
                break;
            case "propertyNames":
                node.PropertyNames = Child(node, value, scopes, name);
                break;
            case "unevaluatedItems":
                node.UnevaluatedItems = Child(node, value, scopes, name);
                break;
            case "unevaluatedProperties":
                node.UnevaluatedProperties = Child(node, value, scopes, name);
                break;
            case "contentSchema":
                // An annotation; walked only so that references into it resolve.
                Child(node, value, scopes, name);
                break;
            case "type":
                node.Types = Types(value, location);
                break;
            case "enum":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw Malformed(location, "must be an array");
                }

                node.Enum = [.. value.EnumerateArray()];
                break;
            case "const":
                node.Const = value;
                break;
            case "multipleOf":
                node.MultipleOf = Number(value, location);
                break;
            case "maximum":
                node.Maximum = Number(value, location);
                break;
            case "exclusiveMaximum":
                node.ExclusiveMaximum = Number(value, location);
                break;
            case "minimum":
                node.Minimum = Number(value, location);
                break;
            case "exclusiveMinimum":
                node.ExclusiveMinimum = Number(value, location);
                break;
            case "maxLength":
                node.MaxLength = Count(value, location);
                break;
            case "minLength":
                node.MinLength = Count(value, location);
                break;
            case "pattern":
                node.Pattern = Pattern(String(value, location), location);
                break;
            case "maxItems":
                node.MaxItems = Count(value, location);
                break;
            case "minItems":
                node.MinItems = Count(value, location);
                break;
            case "uniqueItems":
                node.UniqueItems = value.ValueKind == JsonValueKind.True;
                break;
            case "maxContains":
                node.MaxContains = Count(value, location);
                break;
            case "minContains":
                node.MinContains = Count(value, location);
                break;
            case "maxProperties":
                node.MaxProperties = Count(value, location);
                break;
            case "minProperties":
                node.MinProperties = Count(value, location);
                break;
            case "required":
                node.Required = Strings(value, location);
                break;
            case "dependentRequired":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed(location, "must be an object");
                }

                var dependents = new List<SchemaNode.DependentNames>(node.DependentRequired ?? []);
                foreach (var entry in value.EnumerateObject())
                {
                    dependents.Add(new SchemaNode.DependentNames(entry.Name, Strings(entry.Value, location + "/" + Escape(entry.Name))));
                }

                node.DependentRequired = [.. dependents];
                break;
            case "format":
                if (_options.AssertFormat && value.ValueKind == JsonValueKind.String)
                {
                    node.Format = value.GetString();
                }

                break;
        }
    }

    private SchemaNode Child(SchemaNode parent, JsonElement value, List<(string Uri, string Pointer)> scopes, params string[] segments)
    {
        var suffix = string.Empty;
        foreach (var segment in segments)
        {
            suffix += "/" + Escape(segment);
        }

        var childScopes = new List<(string, string)>(scopes.Count);
        foreach (var (uri, pointer) in scopes)
        {
            childScopes.Add((uri, pointer + suffix));
        }

        return Walk(value, parent.Resource.Uri, parent.Location + suffix, childScopes, parent.Resource);
    }

    private SchemaNode.NamedSchema[] Map(SchemaNode node, string keyword, JsonElement value, List<(string Uri, string Pointer)> scopes)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(node.Location + "/" + keyword, "must be an object of schemas");
        }

        var result = new List<SchemaNode.NamedSchema>();
        foreach (var entry in value.EnumerateObject())
        {
            result.Add(new SchemaNode.NamedSchema(entry.Name, Child(node, entry.Value, scopes, keyword, entry.Name)));
        }

        return [.. result];
    }

    private SchemaNode[] List(SchemaNode node, string keyword, JsonElement value, List<(string Uri, string Pointer)> scopes)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(node.Location + "/" + keyword, "must be an array of schemas");
        }

        var result = new SchemaNode[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = Child(node, item, scopes, keyword, i.ToString(CultureInfo.InvariantCulture));
            i++;
        }

        return result;
    }

    private void ResolvePending()
    {
        while (_pending.Count > 0)
        {
            var (node, reference, keyword) = _pending.Pop();
            var target = Resolve(node, reference, keyword, out var fragment);
            if (keyword == "$ref")
            {
                node.Ref = target;
                continue;
            }

            node.DynamicRef = target;

            // Dynamic only when the reference lands on a $dynamicAnchor of the same name ("bookending");
            // otherwise it is an ordinary $ref.
            if (fragment is { Length: > 0 } && fragment[0] != '/' &&
                target.Resource.DynamicAnchors.TryGetValue(fragment, out var anchored) && ReferenceEquals(anchored, target))
            {
                node.DynamicRefAnchor = fragment;
            }
        }
    }

    private SchemaNode Resolve(SchemaNode node, string reference, string keyword, out string? fragment)
    {
        var location = node.Location + "/" + keyword;
        var absolute = SchemaUri.Resolve(node.Resource.Uri, reference);
        (var uri, fragment) = SchemaUri.SplitFragment(absolute);
        if (!_resources.TryGetValue(uri, out var resource))
        {
            throw new ArgumentException(
                $"The schema's {keyword} at '{location}' refers to '{reference}', a document that is neither in the schema nor among the validator's documents; SkillRt never fetches schemas. Bring the referenced schema into $defs and refer to it as '#/$defs/…'.");
        }

        if (string.IsNullOrEmpty(fragment))
        {
            return _nodes[uri + "#"];
        }

        if (fragment[0] != '/')
        {
            return resource.Anchors.TryGetValue(fragment, out var anchored)
                ? anchored
                : throw new ArgumentException($"The schema's {keyword} at '{location}' refers to the anchor '{fragment}', which no $anchor or $dynamicAnchor in '{uri}' declares.");
        }

        if (_nodes.TryGetValue(uri + "#" + fragment, out var known))
        {
            return known;
        }

        // A pointer into a place the walk does not visit (an unknown keyword, say): compile it now.
        var element = resource.Root;
        foreach (var token in fragment[1..].Split('/'))
        {
            var segment = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                throw new ArgumentException($"The schema's {keyword} at '{location}' refers to '{reference}', but '{uri}' has nothing at '{fragment}'.");
            }
        }

        return Walk(element, uri, resource.Location + fragment, [(uri, fragment)], resource);
    }

    private SchemaPattern Pattern(string source, string location)
    {
        if (!_patterns.TryGetValue(source, out var pattern))
        {
            pattern = SchemaPattern.Compile(source, _options.PatternMatchTimeout);
            if (!pattern.IsValid)
            {
                throw Malformed(location, $"the pattern {source} is not a valid regular expression");
            }

            _patterns.Add(source, pattern);
        }

        return pattern;
    }

    private static SchemaTypes Types(JsonElement value, string location)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Type(value.GetString()!, location);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(location, "must be a type name or an array of them");
        }

        var types = SchemaTypes.None;
        foreach (var item in value.EnumerateArray())
        {
            types |= item.ValueKind == JsonValueKind.String ? Type(item.GetString()!, location) : throw Malformed(location, "must hold type names");
        }

        return types;
    }

    private static SchemaTypes Type(string name, string location) => name switch
    {
        "null" => SchemaTypes.Null,
        "boolean" => SchemaTypes.Boolean,
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        "number" => SchemaTypes.Number,
        "string" => SchemaTypes.String,
        "integer" => SchemaTypes.Integer,
        _ => throw Malformed(location, $"'{name}' is not a JSON Schema type; use null, boolean, object, array, number, string or integer"),
    };

    private static string String(JsonElement value, string location) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Malformed(location, "must be a string");

    private static string[] Strings(JsonElement value, string location)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(location, "must be an array of strings");
        }

        var result = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            result.Add(String(item, location));
        }

        return [.. result];
    }

    private static SchemaNumber Number(JsonElement value, string location) =>
        value.ValueKind == JsonValueKind.Number ? SchemaNumber.FromSchema(value) : throw Malformed(location, "must be a number");

    private static long Count(JsonElement value, string location)
    {
        // JSON Schema allows 2.0 for 2.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= 0 && Math.Floor(number) == number)
        {
            return number >= long.MaxValue ? long.MaxValue : (long)number;
        }

        throw Malformed(location, "must be a non-negative integer");
    }

    private static string Escape(string segment) => SkillJsonReader.Append(string.Empty, segment)[1..];

    private static ArgumentException Malformed(string location, string problem) =>
        new($"The schema is not valid at '{(location.Length == 0 ? "/" : location)}': {problem}.");
}
