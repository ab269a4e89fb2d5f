using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SkillRt;

/// <summary>
/// Checks that a JSON Schema written in YAML is well-formed, every draft 2020-12 keyword and the
/// subschemas under it, and warns about the earlier drafts' keywords it will not enforce. Depth is bounded by the parser's nesting
/// limit and alias expansion by its alias limit, so recursion here is bounded too.
/// </summary>
internal sealed class SchemaChecker
{
    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal)
    {
        "object", "array", "string", "number", "integer", "boolean", "null",
    };

    private readonly FrontmatterNode _root;
    private readonly List<SkillDiagnostic> _diagnostics;

    private SchemaChecker(FrontmatterNode root, List<SkillDiagnostic> diagnostics)
    {
        _root = root;
        _diagnostics = diagnostics;
    }

    public static void Check(FrontmatterNode schema, string location, List<SkillDiagnostic> diagnostics)
    {
        new SchemaChecker(schema, diagnostics).CheckSchema(schema, location);
        SchemaSizeChecker.Check(schema, location, diagnostics);
        SchemaReferenceCycles.Find(schema, location, diagnostics);
    }

    private void CheckSchema(FrontmatterNode node, string location)
    {
        if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean })
        {
            return;
        }

        if (node is not FrontmatterMapping mapping)
        {
            Malformed(node, location, "a schema must be a mapping (or true/false), not " + node.KindDescription);
            return;
        }

        foreach (var entry in mapping.Entries)
        {
            // Locations are only needed for messages; the common, valid case builds none but child paths.
            var here = new SchemaLocation(location, entry.Name);
            var value = entry.Value;
            switch (entry.Name)
            {
                case "type":
                    CheckType(value, here);
                    break;
                case "properties":
                case "$defs":
                case "definitions":
                    if (value is FrontmatterMapping children)
                    {
                        foreach (var child in children.Entries)
                        {
                            CheckSchema(child.Value, here.ToString() + "/" + child.Name);
                        }
                    }
                    else
                    {
                        Malformed(value, here, "must be a mapping of names to schemas");
                    }

                    break;
                case "additionalProperties":
                case "not":
                case "if":
                case "then":
                case "else":
                case "contains":
                case "propertyNames":
                case "additionalItems":
                case "unevaluatedItems":
                case "unevaluatedProperties":
                case "contentSchema":
                    CheckSchema(value, here.ToString());
                    break;
                case "allOf":
                case "anyOf":
                case "oneOf":
                case "prefixItems":
                    if (value is FrontmatterSequence { Items.Count: > 0 } branches)
                    {
                        for (var i = 0; i < branches.Items.Count; i++)
                        {
                            CheckSchema(branches.Items[i], here.ToString() + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                    else
                    {
                        Malformed(value, here, "must be a non-empty list of schemas");
                    }

                    break;
                case "patternProperties":
                case "dependentSchemas":
                case "dependencies":
                    if (value is FrontmatterMapping named)
                    {
                        foreach (var child in named.Entries)
                        {
                            var childLocation = here.ToString() + "/" + child.Name;
                            if (entry.Name == "patternProperties")
                            {
                                CheckPattern(child.Key, here);
                            }

                            if (entry.Name == "dependencies" && child.Value is FrontmatterSequence)
                            {
                                CheckUniqueStrings(child.Value, new SchemaLocation(here.ToString(), child.Name));
                            }
                            else
                            {
                                CheckSchema(child.Value, childLocation);
                            }
                        }
                    }
                    else
                    {
                        Malformed(value, here, entry.Name == "patternProperties" ? "must be a mapping of patterns to schemas" : "must be a mapping of property names to schemas");
                    }

                    break;
                case "dependentRequired":
                    if (value is FrontmatterMapping dependents)
                    {
                        foreach (var child in dependents.Entries)
                        {
                            CheckUniqueStrings(child.Value, new SchemaLocation(here.ToString(), child.Name));
                        }
                    }
                    else
                    {
                        Malformed(value, here, "must be a mapping of property names to lists of property names");
                    }

                    break;
                case "items":
                    if (value is FrontmatterSequence)
                    {
                        Malformed(value, here, "must be a single schema; the list (tuple) form is not supported");
                    }
                    else
                    {
                        CheckSchema(value, here.ToString());
                    }

                    break;
                case "required":
                    CheckUniqueStrings(value, here);
                    break;
                case "enum":
                    if (value is not FrontmatterSequence { Items.Count: > 0 })
                    {
                        Malformed(value, here, "must be a non-empty list of values");
                    }

                    break;
                case "minimum":
                case "maximum":
                case "exclusiveMinimum":
                case "exclusiveMaximum":
                    if (!IsNumber(value, out _))
                    {
                        Malformed(value, here, "must be a finite number");
                    }

                    break;
                case "multipleOf":
                    if (!IsNumber(value, out var divisor) || divisor <= 0)
                    {
                        Malformed(value, here, "must be a finite number greater than 0");
                    }

                    break;
                case "minLength":
                case "maxLength":
                case "minItems":
                case "maxItems":
                case "minProperties":
                case "maxProperties":
                case "minContains":
                case "maxContains":
                    // JSON Schema counts a number with a zero fraction (2.0) as an integer.
                    if (!(value is FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } count && YamlScalars.TryGetInteger(count.Value, out var number) && number >= 0) &&
                        !(value is FrontmatterScalar { Kind: FrontmatterScalarKind.Float } && IsNumber(value, out var whole) && whole >= 0 && whole <= long.MaxValue && Math.Floor(whole) == whole))
                    {
                        Malformed(value, here, "must be a whole number of 0 or more");
                    }

                    break;
                case "uniqueItems":
                case "deprecated":
                case "readOnly":
                case "writeOnly":
                    if (value is not FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean })
                    {
                        Malformed(value, here, "must be true or false");
                    }

                    break;
                case "pattern":
                    CheckPattern(value, here);
                    break;
                case "$ref":
                    CheckReference(value, here);
                    break;
                case "format":
                case "title":
                case "description":
                case "$comment":
                case "$schema":
                case "$id":
                case "$anchor":
                case "$dynamicAnchor":
                case "$dynamicRef":
                case "contentEncoding":
                case "contentMediaType":
                    if (value is not FrontmatterScalar { Kind: FrontmatterScalarKind.String })
                    {
                        Malformed(value, here, "must be a string");
                    }

                    break;
                default:
                    if (SchemaKeywords.Unsupported.Contains(entry.Name))
                    {
                        _diagnostics.Add(SkillDiagnosticDescriptors.UnsupportedSchemaKeyword.Create(entry.Key.Span, entry.Name, location));
                    }

                    break;
            }
        }
    }

    private void CheckType(FrontmatterNode value, SchemaLocation location)
    {
        if (value is FrontmatterScalar { Kind: FrontmatterScalarKind.String } single)
        {
            if (!TypeNames.Contains(single.Value))
            {
                Malformed(value, location, $"'{single.Value}' is not a JSON type; use object, array, string, number, integer, boolean or null");
            }

            return;
        }

        if (value is FrontmatterSequence { Items.Count: > 0 } list)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                if (item is not FrontmatterScalar { Kind: FrontmatterScalarKind.String } name || !TypeNames.Contains(name.Value) || !seen.Add(name.Value))
                {
                    Malformed(item, location, "must list distinct JSON types (object, array, string, number, integer, boolean, null)");
                    return;
                }
            }

            return;
        }

        Malformed(value, location, "must be a JSON type name or a list of them");
    }

    private void CheckUniqueStrings(FrontmatterNode value, SchemaLocation location)
    {
        if (value is not FrontmatterSequence list)
        {
            Malformed(value, location, "must be a list of property names");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not FrontmatterScalar { Kind: not FrontmatterScalarKind.Null } name || !seen.Add(name.Value))
            {
                Malformed(item, location, "must list distinct property names");
                return;
            }
        }
    }

    private void CheckPattern(FrontmatterNode value, SchemaLocation location)
    {
        if (value is not FrontmatterScalar { Kind: FrontmatterScalarKind.String } pattern)
        {
            Malformed(value, location, "must be a regular expression string");
            return;
        }

        try
        {
            // Constructing a Regex only parses it; the timeout guards later matching by the runtime.
            _ = new Regex(EcmaPattern.ToDotNet(pattern.Value), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            Malformed(value, location, "is not a valid regular expression (" + exception.Message + ")");
        }
    }

    private void CheckReference(FrontmatterNode value, SchemaLocation location)
    {
        if (value is not FrontmatterScalar { Kind: FrontmatterScalarKind.String } reference)
        {
            Malformed(value, location, "must be a string");
            return;
        }

        if (SchemaReferences.Resolve(_root, reference) is null)
        {
            Malformed(value, location, SchemaReferences.IsRemote(_root, reference)
                ? $"'{reference.Value}' refers to another document, and SkillRt never fetches schemas; copy the schema into $defs and refer to it as '#/$defs/Name'"
                : $"'{reference.Value}' does not resolve inside the schema; refer to a definition ('#/$defs/Name'), an $anchor ('#name') or an embedded schema's $id");
        }
    }

    private static bool IsNumber(FrontmatterNode value, out double number)
    {
        number = 0;
        return value is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out number) && !double.IsInfinity(number);
    }

    private void Malformed(FrontmatterNode node, SchemaLocation location, string problem) =>
        _diagnostics.Add(SkillDiagnosticDescriptors.MalformedSchema.Create(node.Span, location.ToString(), problem));

    private void Malformed(FrontmatterNode node, string location, string problem) =>
        _diagnostics.Add(SkillDiagnosticDescriptors.MalformedSchema.Create(node.Span, location, problem));

    /// <summary>A keyword's place in the schema, turned into text only for a message or a child's path.</summary>
    private readonly struct SchemaLocation
    {
        private readonly string _parent;
        private readonly string _keyword;

        public SchemaLocation(string parent, string keyword)
        {
            _parent = parent;
            _keyword = keyword;
        }

        public override string ToString() => _parent + "/" + _keyword;
    }
}
