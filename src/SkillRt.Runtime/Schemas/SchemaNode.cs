using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Schemas;

/// <summary>
/// One compiled (sub)schema: its keywords parsed into fields once, its references resolved to other
/// nodes. Built by <see cref="SchemaCompiler"/> and never changed afterwards, so one node serves any
/// number of concurrent validations. A field is null (or default) when its keyword is absent.
/// </summary>
internal sealed class SchemaNode
{
    public SchemaNode(SchemaResource resource, string location)
    {
        Resource = resource;
        Location = location;
    }

    /// <summary>The schema resource (the nearest <c>$id</c>, or the root) this node belongs to; its dynamic scope.</summary>
    public SchemaResource Resource { get; }

    /// <summary>Where the schema is, as a JSON Pointer into the document given to the validator.</summary>
    public string Location { get; }

    /// <summary><see langword="true"/> or <see langword="false"/> for a boolean schema; null for an object.</summary>
    public bool? Constant;

    /// <summary>Whether the node has <c>unevaluatedProperties</c> or <c>unevaluatedItems</c>, so its applicators must collect annotations.</summary>
    public bool CollectsAnnotations;

    // Core.
    public SchemaNode? Ref;
    public SchemaNode? DynamicRef;
    public string? DynamicRefAnchor;

    // Applicators.
    public SchemaNode[]? AllOf;
    public SchemaNode[]? AnyOf;
    public SchemaNode[]? OneOf;
    public SchemaNode? Not;
    public SchemaNode? If;
    public SchemaNode? Then;
    public SchemaNode? Else;
    public NamedSchema[]? DependentSchemas;
    public SchemaNode[]? PrefixItems;
    public SchemaNode? Items;
    public SchemaNode? Contains;
    public NamedSchema[]? Properties;
    public HashSet<string>? DeclaredNames;
    public PatternSchema[]? PatternProperties;
    public SchemaNode? AdditionalProperties;
    public SchemaNode? PropertyNames;
    public SchemaNode? UnevaluatedItems;
    public SchemaNode? UnevaluatedProperties;

    // Assertions.
    public SchemaTypes Types;
    public JsonElement[]? Enum;
    public JsonElement? Const;
    public SchemaNumber? MultipleOf;
    public SchemaNumber? Maximum;
    public SchemaNumber? ExclusiveMaximum;
    public SchemaNumber? Minimum;
    public SchemaNumber? ExclusiveMinimum;
    public long? MaxLength;
    public long? MinLength;
    public SchemaPattern? Pattern;
    public long? MaxItems;
    public long? MinItems;
    public bool UniqueItems;
    public long? MaxContains;
    public long? MinContains;
    public long? MaxProperties;
    public long? MinProperties;
    public string[]? Required;
    public DependentNames[]? DependentRequired;
    public string? Format;

    /// <summary>Whether <c>properties</c> names <paramref name="name"/>.</summary>
    public bool DeclaresProperty(string name) => DeclaredNames is not null && DeclaredNames.Contains(name);

    /// <summary>A schema for one property name (<c>properties</c>, <c>dependentSchemas</c>).</summary>
    public sealed record NamedSchema(string Name, SchemaNode Schema);

    /// <summary>A schema for the property names a pattern matches (<c>patternProperties</c>).</summary>
    public sealed record PatternSchema(SchemaPattern Pattern, SchemaNode Schema);

    /// <summary>The properties that a property requires when present (<c>dependentRequired</c>).</summary>
    public sealed record DependentNames(string Name, string[] Required);
}
