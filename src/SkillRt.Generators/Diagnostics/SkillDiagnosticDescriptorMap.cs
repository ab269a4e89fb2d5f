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

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = Build();

    public static DiagnosticDescriptor Get(string id) => Descriptors.TryGetValue(id, out var descriptor) ? descriptor : GeneratorDiagnostics.GeneratorFailure;

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in GeneratorDiagnostics.All)
        {
            map[descriptor.Id] = descriptor;
        }

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
                description: "See spec/diagnostics.md.",
                helpLinkUri: descriptor.HelpLink);
        }

        return map;
    }
}
