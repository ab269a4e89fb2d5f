using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// The generator's own diagnostics (SKILL1xxx and SKILL9999), for problems that only exist once a
/// skill becomes C#: clashing type names, schemas C# cannot express, bad item metadata.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "SkillRt";

    /// <summary>SKILL1001: two skills would generate the same type.</summary>
    public static DiagnosticDescriptor DuplicateTypeName { get; } = Create("SKILL1001", "Two skills generate the same type", DiagnosticSeverity.Error);

    /// <summary>SKILL1002: part of a schema is read as <c>JsonElement</c>.</summary>
    public static DiagnosticDescriptor SchemaFallsBackToJsonElement { get; } = Create("SKILL1002", "Schema read as JsonElement", DiagnosticSeverity.Warning);

    /// <summary>SKILL1003: the <c>Namespace</c> or <c>ClassName</c> metadata is not a C# name.</summary>
    public static DiagnosticDescriptor InvalidItemMetadata { get; } = Create("SKILL1003", "Invalid SkillFile metadata", DiagnosticSeverity.Error);

    /// <summary>SKILL1004: a keyword next to a <c>$ref</c> that would need a second type.</summary>
    public static DiagnosticDescriptor KeywordNextToRefIgnored { get; } = Create("SKILL1004", "Keyword next to $ref not applied", DiagnosticSeverity.Warning);

    /// <summary>SKILL1005: skills but no SkillRt.Runtime to compile their code against.</summary>
    public static DiagnosticDescriptor RuntimeNotReferenced { get; } = Create("SKILL1005", "SkillRt.Runtime not referenced", DiagnosticSeverity.Error);

    /// <summary>SKILL9999: the generator failed on a file; the compiler must still not crash.</summary>
    public static DiagnosticDescriptor GeneratorFailure { get; } = Create("SKILL9999", "SkillRt generator failure", DiagnosticSeverity.Error);

    public static DiagnosticDescriptor[] All { get; } = [DuplicateTypeName, SchemaFallsBackToJsonElement, InvalidItemMetadata, KeywordNextToRefIgnored, RuntimeNotReferenced, GeneratorFailure];

    private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity) =>
        new(id, title, "{0}", Category, severity, isEnabledByDefault: true, description: "See spec/diagnostics.md.", helpLinkUri: SkillDiagnosticHelp.LinkFor(id));
}
