using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillRt.Build;

/// <summary>Logs SkillRt diagnostics the way the compiler prints its own.</summary>
internal static class DiagnosticLog
{
    /// <param name="log">Where to log.</param>
    /// <param name="path">The SKILL.md the diagnostic is about.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="package">The package the skill comes from, which the message then names, or null.</param>
    public static void Report(TaskLoggingHelper log, string path, SkillDiagnostic diagnostic, string? package = null)
    {
        var span = diagnostic.Span;
        var message = package is null ? diagnostic.Message : diagnostic.Message + PackagedSkillNote.For(package);

        // A problem in the skillrt.yaml sidecar has its position in that file, not in SKILL.md.
        var file = diagnostic.FilePath ?? path;

        // No subcategory and no end position: MSBuild then prints "path(line,col): error SKILLnnnn: …",
        // exactly the compiler's form. Messages can hold braces ('{{ x }}'); passing no format
        // arguments keeps them literal. The help link (the catalogue entry) is what IDEs and the
        // terminal logger link the code to, as they do for the compiler's own diagnostics.
        var helpLink = diagnostic.Descriptor.HelpLink;
        switch (diagnostic.Severity)
        {
            case SkillDiagnosticSeverity.Error:
                log.LogError(null, diagnostic.Id, diagnostic.Id, helpLink, file, span.StartLine, span.StartColumn, 0, 0, message);
                break;
            case SkillDiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Id, diagnostic.Id, helpLink, file, span.StartLine, span.StartColumn, 0, 0, message);
                break;
            default:
                log.LogMessage(null, diagnostic.Id, diagnostic.Id, file, span.StartLine, span.StartColumn, 0, 0, MessageImportance.Low, message);
                break;
        }
    }
}
