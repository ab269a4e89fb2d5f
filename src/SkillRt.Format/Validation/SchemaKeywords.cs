using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// The JSON Schema keywords SkillRt enforces (the spec's "supported subset"), and the standard
/// keywords it knows but does not enforce. Anything else is an annotation and is ignored silently,
/// as JSON Schema itself does with unknown keywords.
/// </summary>
internal static class SchemaKeywords
{
    /// <summary>
    /// Keywords SkillRt understands: assertions (type, enum, minimum…) are checked for well-formedness
    /// at build time and enforced at run time; annotations (title, description, format, examples…)
    /// are checked for their type and otherwise only carried along.
    /// </summary>
    public static HashSet<string> Supported { get; } = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$ref", "$defs", "definitions", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
        "contentEncoding", "contentMediaType", "contentSchema",
        "type", "enum", "const",
        "properties", "required", "additionalProperties", "minProperties", "maxProperties",
        "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies",
        "items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
        "unevaluatedItems", "unevaluatedProperties",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    };

    /// <summary>
    /// Standard keywords of earlier drafts that draft 2020-12 replaced and SkillRt does not enforce
    /// (draft 2019-09's recursive references, superseded by <c>$dynamicRef</c>); using one is a warning.
    /// </summary>
    public static HashSet<string> Unsupported { get; } = new(StringComparer.Ordinal)
    {
        "$recursiveRef", "$recursiveAnchor",
    };
}
