using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SkillRt;

/// <summary>
/// Resolves a schema's <c>$ref</c> the way JSON Schema 2020-12 does inside one document: against the
/// base URI that the enclosing <c>$id</c>s set, to a JSON Pointer inside a schema resource, to an
/// <c>$anchor</c> (or a <c>$dynamicAnchor</c>, which a plain <c>$ref</c> treats as an anchor), or to
/// an embedded resource by its <c>$id</c>. One implementation for the validator, the default checker
/// and the generator, so they agree on what a reference means. A reference to anything outside the
/// document is remote and resolves to nothing: SkillRt never fetches schemas.
/// </summary>
/// <remarks>
/// The index of a schema is built on first use and kept for as long as the schema's tree lives.
/// Only places that hold schemas are walked, so an <c>$id</c> inside an <c>enum</c>, a
/// <c>const</c> or an unknown keyword identifies nothing, as the specification says.
/// </remarks>
internal sealed class SchemaReferences
{
    // The base of a document without a root $id, so that relative $ids resolve. Never fetched.
    private const string DocumentBase = "https://skillrt.invalid/schema.json";

    private static readonly ConditionalWeakTable<FrontmatterNode, SchemaReferences> Indexes = new();

    // Keywords whose value is one schema, a mapping of names to schemas, or a list of schemas.
    private static readonly HashSet<string> SingleSchemas = new(StringComparer.Ordinal)
    {
        "items", "additionalProperties", "additionalItems", "contains", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "not", "if", "then", "else", "contentSchema",
    };

    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    };

    private static readonly HashSet<string> SchemaLists = new(StringComparer.Ordinal) { "allOf", "anyOf", "oneOf", "prefixItems", "items" };

    private readonly Dictionary<string, FrontmatterNode> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FrontmatterNode> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<FrontmatterScalar, string> _bases = new();
    private readonly Dictionary<FrontmatterNode, string> _pointers = new();

    private bool _hasDynamicReferences;

    private SchemaReferences(FrontmatterNode root) => Walk(root);

    /// <summary>
    /// Whether the schema uses <c>$dynamicRef</c>, whose target depends on the path a value takes through the
    /// schema, so that a part of it cannot be checked on its own.
    /// </summary>
    public static bool HasDynamicReferences(FrontmatterNode root) => Indexes.GetValue(root, static r => new SchemaReferences(r))._hasDynamicReferences;

    /// <summary>
    /// The schema <paramref name="reference"/> (a <c>$ref</c> value inside <paramref name="root"/>) points to;
    /// null when it leads nowhere in the document or outside it.
    /// </summary>
    public static FrontmatterNode? Resolve(FrontmatterNode root, FrontmatterScalar reference) =>
        Indexes.GetValue(root, static r => new SchemaReferences(r)).Resolve(reference);

    /// <summary>
    /// Whether <paramref name="reference"/> names a document other than <paramref name="root"/> (an absolute URI, or a
    /// relative one that resolves outside it), so that it could only be followed by fetching it.
    /// </summary>
    public static bool IsRemote(FrontmatterNode root, FrontmatterScalar reference)
    {
        var index = Indexes.GetValue(root, static r => new SchemaReferences(r));
        var (resource, _) = index.Split(reference);
        return resource is not null && !index._resources.ContainsKey(resource);
    }

    /// <summary>
    /// The JSON Pointer (<c>#/…</c>) from <paramref name="root"/> to <paramref name="schema"/>, by the first path
    /// that reaches it; null when <paramref name="schema"/> is not a schema inside it.
    /// </summary>
    public static string? PointerOf(FrontmatterNode root, FrontmatterNode schema) =>
        Indexes.GetValue(root, static r => new SchemaReferences(r))._pointers.TryGetValue(schema, out var pointer) ? pointer : null;

    private FrontmatterNode? Resolve(FrontmatterScalar reference)
    {
        var (resource, fragment) = Split(reference);
        if (resource is null || !_resources.TryGetValue(resource, out var target))
        {
            return null;
        }

        if (fragment.Length == 0)
        {
            return target;
        }

        return fragment[0] == '/'
            ? FrontmatterPointer.Resolve(target, "#" + fragment)
            : _anchors.TryGetValue(resource + "#" + Uri.UnescapeDataString(fragment), out var anchored) ? anchored : null;
    }

    // The absolute URI of the resource a reference names (null when it cannot be resolved) and its fragment, as written.
    private (string? Resource, string Fragment) Split(FrontmatterScalar reference)
    {
        var text = reference.Value;
        var hash = text.IndexOf('#');
        var fragment = hash < 0 ? string.Empty : text.Substring(hash + 1);
        var location = hash < 0 ? text : text.Substring(0, hash);
        var @base = _bases.TryGetValue(reference, out var known) ? known : DocumentBase;
        return (location.Length == 0 ? @base : Absolute(@base, location), fragment);
    }

    private void Walk(FrontmatterNode root)
    {
        var pending = new Stack<(FrontmatterNode Node, string Base, string Pointer)>();
        pending.Push((root, DocumentBase, "#"));
        _resources[DocumentBase] = root;
        while (pending.Count > 0)
        {
            var (node, @base, pointer) = pending.Pop();

            // Aliased YAML nodes are shared, so a node can be met twice; it is indexed once.
            if (node is not FrontmatterMapping schema || _pointers.ContainsKey(schema))
            {
                continue;
            }

            _pointers[schema] = pointer;

            if (schema["$id"] is FrontmatterScalar { Kind: FrontmatterScalarKind.String } id && Absolute(@base, StripEmptyFragment(id.Value)) is { } resource)
            {
                @base = resource;
                _resources[resource] = schema;
            }

            foreach (var anchorKeyword in new[] { "$anchor", "$dynamicAnchor" })
            {
                if (schema[anchorKeyword] is FrontmatterScalar { Kind: FrontmatterScalarKind.String } anchor && !_anchors.ContainsKey(@base + "#" + anchor.Value))
                {
                    _anchors[@base + "#" + anchor.Value] = schema;
                }
            }

            foreach (var entry in schema.Entries)
            {
                var here = pointer + "/" + FrontmatterPointer.Escape(entry.Name);
                if (entry.Name is "$ref" or "$dynamicRef" && entry.Value is FrontmatterScalar reference)
                {
                    _bases[reference] = @base;
                    _hasDynamicReferences |= entry.Name == "$dynamicRef";
                }
                else if (SingleSchemas.Contains(entry.Name) && entry.Value is FrontmatterMapping single)
                {
                    pending.Push((single, @base, here));
                }
                else if (SchemaMaps.Contains(entry.Name) && entry.Value is FrontmatterMapping map)
                {
                    foreach (var child in map.Entries)
                    {
                        pending.Push((child.Value, @base, here + "/" + FrontmatterPointer.Escape(child.Name)));
                    }
                }
                else if (SchemaLists.Contains(entry.Name) && entry.Value is FrontmatterSequence list)
                {
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        pending.Push((list.Items[i], @base, here + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }
        }
    }

    private static string StripEmptyFragment(string id) => id.EndsWith("#", StringComparison.Ordinal) ? id.Substring(0, id.Length - 1) : id;

    // A URI resolved against a base, without its fragment; null when it is not a URI. URNs and other
    // non-hierarchical bases take only absolute references, as RFC 3986 allows nothing else.
    private static string? Absolute(string @base, string reference)
    {
        if (reference.IndexOf('#') >= 0)
        {
            return null;
        }

        try
        {
            if (Uri.TryCreate(reference, UriKind.Absolute, out var absolute) && !absolute.IsFile)
            {
                return absolute.AbsoluteUri;
            }

            var baseUri = new Uri(@base, UriKind.Absolute);
            return baseUri.IsAbsoluteUri && !string.IsNullOrEmpty(baseUri.Host) && Uri.TryCreate(baseUri, reference, out var resolved)
                ? resolved.AbsoluteUri
                : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
