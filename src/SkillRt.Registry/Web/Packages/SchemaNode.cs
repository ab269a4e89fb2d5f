using System.Collections.Generic;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// One line of a schema tree: a property (or an array's items, or one alternative of a oneOf), its
/// type in words, whether it is required, its allowed values, its description, other constraints
/// (format, bounds, pattern) and a <c>$ref</c> shown as text, never followed.
/// </summary>
internal sealed record SchemaNode(
    string? Name,
    string Type,
    bool Required,
    IReadOnlyList<string> EnumValues,
    string? Description,
    string? Reference,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<SchemaNode> Children);
