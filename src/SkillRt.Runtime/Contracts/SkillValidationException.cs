using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>Thrown when a skill that is about to be used has errors. Every error is in <see cref="Diagnostics"/>.</summary>
public sealed class SkillValidationException : SkillException
{
    /// <summary>Creates the exception with no diagnostics.</summary>
    public SkillValidationException()
        : this(null, [])
    {
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    /// <param name="message">What is wrong.</param>
    public SkillValidationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no diagnostics.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SkillValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception for a skill file and its diagnostics.</summary>
    /// <param name="path">The skill file.</param>
    /// <param name="diagnostics">Every diagnostic found; the message lists the errors.</param>
    public SkillValidationException(string? path, IReadOnlyList<SkillDiagnostic> diagnostics)
        : base(FormatMessage(path, diagnostics))
    {
        Path = path;
        Diagnostics = diagnostics.ToArray();
    }

    /// <summary>The skill file, when it came from disk.</summary>
    public string? Path { get; }

    /// <summary>Every diagnostic found (errors, warnings and infos); the message lists the errors.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string? path, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
        var header = $"The skill {(path is null ? "text" : "'" + path + "'")} has {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}:";
        return header + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(d => "  " + d.ToString(path)));
    }
}
