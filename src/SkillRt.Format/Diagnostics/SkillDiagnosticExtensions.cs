using System.Collections.Generic;

namespace SkillRt;

/// <summary>Helpers for lists of diagnostics.</summary>
public static class SkillDiagnosticExtensions
{
    /// <summary>Whether any of the diagnostics is an error.</summary>
    public static bool HasErrors(this IEnumerable<SkillDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == SkillDiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
