using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// Roslyn descriptors for every SkillRt diagnostic: the format catalogue's, with its message formats,
/// plus the generator's own. Each links to its entry in <c>spec/diagnostics.md</c>.
/// </summary>
internal static class SkillDiagnosticDescriptorMap
{
    private const string Category = "SkillRt";

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = Build();

    // One variant per error ID, made when a packaged skill first reports it: the same format with the
    // package note as one argument more.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DiagnosticDescriptor> Packaged = new();

    public static DiagnosticDescriptor Get(string id) => Descriptors.TryGetValue(id, out var descriptor) ? descriptor : GeneratorDiagnostics.GeneratorFailure;

    /// <summary>The descriptor of <paramref name="id"/> whose message ends with argument <paramref name="noteIndex"/>, the package note.</summary>
    public static DiagnosticDescriptor GetPackaged(string id, int noteIndex) =>
        Packaged.GetOrAdd(id, _ =>
        {
            var plain = Get(id);
            return new DiagnosticDescriptor(
                plain.Id,
                plain.Title,
                plain.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture) + "{" + noteIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
                plain.Category,
                plain.DefaultSeverity,
                plain.IsEnabledByDefault,
                plain.Description.ToString(System.Globalization.CultureInfo.InvariantCulture),
                plain.HelpLinkUri);
        });

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
                descriptor.MessageFormat,
                Category,
                descriptor.Severity switch
                {
                    SkillDiagnosticSeverity.Error => DiagnosticSeverity.Error,
                    SkillDiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                },
                isEnabledByDefault: true,
                description: "Explained, with a bad example and the fix, in spec/diagnostics.md.",
                helpLinkUri: descriptor.HelpLink);
        }

        return map;
    }
}
