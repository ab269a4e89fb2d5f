using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>Thrown when a skill that is about to be used has errors. Every error is in <see cref="Diagnostics"/>.</summary>
public sealed class SkillValidationException : Exception
{
    /// <summary>Creates the exception for a skill file and its diagnostics.</summary>
    /// <param name="path">The skill file.</param>
    /// <param name="diagnostics">Every diagnostic found; the message lists the errors.</param>
    public SkillValidationException(string? path, IReadOnlyList<SkillDiagnostic> diagnostics)
        : base(FormatMessage(path, diagnostics))
    {
        Path = path;
        Diagnostics = diagnostics;
    }

    /// <summary>The skill file, when it came from disk.</summary>
    public string? Path { get; }

    /// <summary>Every diagnostic found, errors and warnings.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string? path, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
        var header = $"The skill {(path is null ? "text" : "'" + path + "'")} has {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}:";
        return header + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(d => "  " + d.ToString(path)));
    }
}
