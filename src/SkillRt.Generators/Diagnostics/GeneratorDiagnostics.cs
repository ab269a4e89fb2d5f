using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// The generator's own diagnostics (SKILL1xxx and SKILL9999), for problems that only exist once a
/// skill becomes C#: clashing type names, schemas C# cannot express, bad item metadata.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "SkillRt";
    private const string Description = "Explained, with a bad example and the fix, in spec/diagnostics.md.";

    /// <summary>SKILL1001: two skills would generate the same type.</summary>
    public static DiagnosticDescriptor DuplicateTypeName { get; } = new(
        "SKILL1001", "Two skills generate the same type",
        "The skill '{0}' would generate the type '{1}', which {2} already generates; rename one of the skills, or set the ClassName or Namespace metadata on one SkillFile item",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1001"));

    /// <summary>SKILL1002: part of a schema has no exact C# type; it is read as a <c>JsonElement</c> and checked against the schema.</summary>
    public static DiagnosticDescriptor SchemaFallsBackToJsonElement { get; } = new(
        "SKILL1002", "Schema read as JsonElement",
        "The {0} at '{1}' has no exact C# type ({2}); the value is read as a JsonElement and checked against that part of the schema",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1002"));

    /// <summary>SKILL1003: the <c>Namespace</c> or <c>ClassName</c> metadata is not a C# name.</summary>
    public static DiagnosticDescriptor InvalidItemMetadata { get; } = new(
        "SKILL1003", "Invalid SkillFile metadata",
        "The {0} metadata '{1}' of this SkillFile item {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1003"));

    /// <summary>SKILL1004: a keyword next to a <c>$ref</c> that does not change the C# type; the value is still checked against it.</summary>
    public static DiagnosticDescriptor KeywordNextToRefIgnored { get; } = new(
        "SKILL1004", "Keyword next to $ref checked, not typed",
        "In the {0} at '{1}', '{2}' next to '$ref' does not change the C# type, which comes from '{3}'; the value is still checked against it. Move it into the referenced schema to have it typed",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1004"));

    /// <summary>SKILL1005: skills but no SkillRt.Runtime to compile their code against.</summary>
    public static DiagnosticDescriptor RuntimeNotReferenced { get; } = new(
        "SKILL1005", "SkillRt.Runtime not referenced",
        "This project has SkillFile items but does not reference SkillRt.Runtime, which the generated code needs; reference the SkillRt package (or the SkillRt.Runtime project)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1005"));

    /// <summary>SKILL1006: no value satisfies a schema, so every answer (or input) would be rejected.</summary>
    public static DiagnosticDescriptor UnsatisfiableSchema { get; } = new(
        "SKILL1006", "Schema accepts no value",
        "The {0} accepts no value, so every value would be rejected: at '{1}', {2}. Change the schema so that some value is valid",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1006"));

    /// <summary>SKILL1007: a <c>oneOf</c> branch accepts nothing that another branch does not accept too, so it can never be the one.</summary>
    public static DiagnosticDescriptor OverlappingOneOf { get; } = new(
        "SKILL1007", "oneOf branch can never match alone",
        "In the {0} at '{1}', every value that branch {2} accepts is accepted by branch {3} too, so oneOf rejects all of them; make the branches exclusive (a 'const' property of their own, or different 'type's), remove branch {2}, or use 'anyOf'",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL1007"));

    /// <summary>SKILL9999: the generator failed on a file; the compiler must still not crash.</summary>
    public static DiagnosticDescriptor GeneratorFailure { get; } = new(
        "SKILL9999", "SkillRt generator failure",
        "SkillRt could not {0} '{1}': {2}; {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, Description, helpLinkUri: SkillDiagnosticHelp.LinkFor("SKILL9999"));

    public static DiagnosticDescriptor[] All { get; } = [DuplicateTypeName, SchemaFallsBackToJsonElement, InvalidItemMetadata, KeywordNextToRefIgnored, RuntimeNotReferenced, UnsatisfiableSchema, OverlappingOneOf, GeneratorFailure];
}
