using System.Globalization;

namespace SkillRt;

/// <summary>
/// One problem found in a SKILL.md file, located by a span in the original text.
/// Diagnostics are values: the parser and validator return them and never throw for bad input.
/// </summary>
public sealed class SkillDiagnostic
{
    internal SkillDiagnostic(SkillDiagnosticDescriptor descriptor, string message, SourceSpan span, string? filePath = null, string[]? arguments = null)
    {
        Descriptor = descriptor;
        Message = message;
        Span = span;
        FilePath = filePath;
        Arguments = arguments ?? [message];
    }

    /// <summary>What kind of problem this is.</summary>
    public SkillDiagnosticDescriptor Descriptor { get; }

    /// <summary>The stable ID, <c>SKILLnnnn</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>How serious the problem is.</summary>
    public SkillDiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>What is wrong and what to do about it, in one sentence or two.</summary>
    public string Message { get; }

    /// <summary>
    /// The values <see cref="Message"/> was formatted from with the descriptor's
    /// <see cref="SkillDiagnosticDescriptor.MessageFormat"/>, as invariant text: the generator hands
    /// them to Roslyn with the same format, as the platform's own analyzers report.
    /// </summary>
    internal string[] Arguments { get; }

    /// <summary>Where the problem is: in the SKILL.md file, or in <see cref="FilePath"/> when that is set.</summary>
    public SourceSpan Span { get; }

    /// <summary>
    /// The file the problem is in when it is not the SKILL.md itself, or <see langword="null"/>. Set for
    /// problems in the <c>skillrt.yaml</c> sidecar beside a SKILL.md (spec section 12.2.1), whose
    /// positions are lines of that file; it is derived from the path the SKILL.md was loaded from.
    /// </summary>
    public string? FilePath { get; }

    /// <summary>
    /// Formats the diagnostic the way the C# compiler does, so editors and CI systems annotate it:
    /// <c>path(line,column): error SKILLnnnn: message</c>.
    /// </summary>
    /// <param name="path">
    /// The SKILL.md path to print; <see langword="null"/> prints the position only. A diagnostic with a
    /// <see cref="FilePath"/> prints that path instead, since its position is in that file.
    /// </param>
    public string ToString(string? path)
    {
        var severity = Severity switch
        {
            SkillDiagnosticSeverity.Error => "error",
            SkillDiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}({1},{2}): {3} {4}: {5}",
            FilePath ?? path ?? string.Empty,
            Span.StartLine,
            Span.StartColumn,
            severity,
            Id,
            Message);
    }

    /// <inheritdoc />
    public override string ToString() => ToString(null);

    /// <summary>The same diagnostic, located in another file (<see langword="null"/>: the SKILL.md itself).</summary>
    internal SkillDiagnostic InFile(string? filePath) =>
        string.Equals(filePath, FilePath, System.StringComparison.Ordinal) ? this : new(Descriptor, Message, Span, filePath, Arguments);
}
