using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Schemas;

/// <summary>
/// A schema resource: the root schema or a subschema with its own <c>$id</c>. It is what
/// <c>$ref</c>s resolve against, holds the <c>$anchor</c>s and <c>$dynamicAnchor</c>s declared in
/// it, and is the unit of the dynamic scope that <c>$dynamicRef</c> searches.
/// </summary>
internal sealed class SchemaResource
{
    public SchemaResource(string uri, JsonElement root, string location)
    {
        Uri = uri;
        Root = root;
        Location = location;
    }

    /// <summary>The absolute URI, without a fragment.</summary>
    public string Uri { get; }

    /// <summary>The resource's schema, for JSON Pointers that reach into keywords the compiler does not walk.</summary>
    public JsonElement Root { get; }

    /// <summary>Where the resource's schema is in the validator's document, as a JSON Pointer.</summary>
    public string Location { get; }

    public Dictionary<string, SchemaNode> Anchors { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(System.StringComparer.Ordinal);
}
