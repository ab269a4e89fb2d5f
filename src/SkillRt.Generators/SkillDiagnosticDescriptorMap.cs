using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// Roslyn descriptors for every SkillRt diagnostic: the format catalogue's, plus the generator's own.
/// The message is passed whole as the single format argument, so it is never formatted twice.
/// </summary>
internal static class SkillDiagnosticDescriptorMap
{
    private const string Category = "SkillRt";

    /// <summary>SKILL9999: the generator failed on a file; the compiler must still not crash.</summary>
    public static DiagnosticDescriptor GeneratorFailure { get; } = new(
        "SKILL9999",
        "SkillRt generator failure",
        "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "See spec/diagnostics.md.");

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = Build();

    public static DiagnosticDescriptor Get(string id) => Descriptors.TryGetValue(id, out var descriptor) ? descriptor : GeneratorFailure;

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var map = new Dictionary<string, DiagnosticDescriptor> { [GeneratorFailure.Id] = GeneratorFailure };
        foreach (var descriptor in SkillDiagnosticDescriptors.All)
        {
            map[descriptor.Id] = new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                "{0}",
                Category,
                descriptor.Severity switch
                {
                    SkillDiagnosticSeverity.Error => DiagnosticSeverity.Error,
                    SkillDiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                },
                isEnabledByDefault: true,
                description: "See spec/diagnostics.md.");
        }

        return map;
    }
}
