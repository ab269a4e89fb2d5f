using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Tests;

/// <summary>One line per diagnostic, stable across runs: the form baselines are written in.</summary>
internal static class DiagnosticFormatter
{
    public static string Format(SkillDiagnostic diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Span}: {diagnostic.Message}";

    public static string Format(IEnumerable<SkillDiagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(Format));
}
