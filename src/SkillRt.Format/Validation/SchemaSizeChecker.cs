using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Holds one input or output schema to the spec's size limits (<see cref="SkillSizeLimits"/>):
/// enum values, properties per object, nesting depth, schemas in all and pattern length. Walks the
/// same keywords as <see cref="SchemaChecker"/> (those SkillRt turns into types and checks) and
/// stops as soon as the schema holds too many schemas, so an oversized file costs little.
/// </summary>
internal sealed class SchemaSizeChecker
{
    private readonly string _location;
    private readonly List<SkillDiagnostic> _diagnostics;
    private int _nodes;

    private SchemaSizeChecker(string location, List<SkillDiagnostic> diagnostics)
    {
        _location = location;
        _diagnostics = diagnostics;
    }

    public static void Check(FrontmatterNode schema, string location, List<SkillDiagnostic> diagnostics)
    {
        var checker = new SchemaSizeChecker(location, diagnostics);
        if (!checker.Walk(schema, string.Empty, 1))
        {
            diagnostics.Add(SkillDiagnosticDescriptors.SchemaTooLarge.Create(schema.Span, location, SkillSizeLimits.MaxSchemaNodes));
        }
    }

    /// <summary>Checks one schema and those inside it; false once the schema holds too many in all.</summary>
    private bool Walk(FrontmatterNode node, string path, int depth)
    {
        if (++_nodes > SkillSizeLimits.MaxSchemaNodes)
        {
            return false;
        }

        if (node is not FrontmatterMapping schema)
        {
            return true;
        }

        if (depth > SkillSizeLimits.MaxSchemaDepth)
        {
            // Reported once, at the first level too deep; what lies below it is not walked.
            _diagnostics.Add(SkillDiagnosticDescriptors.SchemaTooDeep.Create(schema.Span, Where(path), depth, SkillSizeLimits.MaxSchemaDepth));
            return true;
        }

        foreach (var entry in schema.Entries)
        {
            var here = path + "/" + entry.Name;
            switch (entry.Name)
            {
                case "enum" when entry.Value is FrontmatterSequence values && values.Items.Count > SkillSizeLimits.MaxEnumValues:
                    _diagnostics.Add(SkillDiagnosticDescriptors.TooManyEnumValues.Create(values.Items[SkillSizeLimits.MaxEnumValues].Span, Where(here), values.Items.Count, SkillSizeLimits.MaxEnumValues));
                    break;
                case "pattern" when entry.Value is FrontmatterScalar { Kind: FrontmatterScalarKind.String } pattern && pattern.Value.Length > SkillSizeLimits.MaxPatternLength:
                    _diagnostics.Add(SkillDiagnosticDescriptors.PatternTooLong.Create(pattern.Span, Where(here), pattern.Value.Length, SkillSizeLimits.MaxPatternLength));
                    break;
                case "properties":
                case "$defs":
                case "definitions":
                    if (entry.Value is FrontmatterMapping children)
                    {
                        if (entry.Name == "properties" && children.Entries.Count > SkillSizeLimits.MaxProperties)
                        {
                            _diagnostics.Add(SkillDiagnosticDescriptors.TooManyProperties.Create(children.Entries[SkillSizeLimits.MaxProperties].Key.Span, Where(path), children.Entries.Count, SkillSizeLimits.MaxProperties));
                        }

                        foreach (var child in children.Entries)
                        {
                            // Definitions are named types, not nesting: they start again at level 1.
                            var childDepth = entry.Name == "properties" ? depth + 1 : 1;
                            if (!Walk(child.Value, here + "/" + FrontmatterPointer.Escape(child.Name), childDepth))
                            {
                                return false;
                            }
                        }
                    }

                    break;
                case "items" when entry.Value is not FrontmatterSequence:
                case "additionalProperties":
                    if (!Walk(entry.Value, here, depth + 1))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private string Where(string path) => _location + path;
}
