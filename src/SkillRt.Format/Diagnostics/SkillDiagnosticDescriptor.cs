using System;
using System.Globalization;

namespace SkillRt;

/// <summary>
/// The fixed part of a diagnostic: its stable ID, default severity, title and message format.
/// Every descriptor is listed in <c>spec/diagnostics.md</c> with a bad example and the fix.
/// </summary>
public sealed class SkillDiagnosticDescriptor
{
    internal SkillDiagnosticDescriptor(string id, SkillDiagnosticSeverity severity, string title, string messageFormat)
    {
        Id = id;
        Severity = severity;
        Title = title;
        MessageFormat = messageFormat;
    }

    /// <summary>The stable ID, <c>SKILLnnnn</c>. IDs are never reused for another meaning.</summary>
    public string Id { get; }

    /// <summary>The severity diagnostics of this kind are reported with.</summary>
    public SkillDiagnosticSeverity Severity { get; }

    /// <summary>A short, fixed summary of the problem.</summary>
    public string Title { get; }

    /// <summary>A composite format string (<c>{0}</c>, <c>{1}</c>…) for the message.</summary>
    public string MessageFormat { get; }

    /// <summary>Where the diagnostic is explained, with an example and the fix: its entry in <c>spec/diagnostics.md</c>.</summary>
    public string HelpLink => SkillDiagnosticHelp.LinkFor(Id);

    internal SkillDiagnostic Create(SourceSpan span, params object?[] args)
    {
        var arguments = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            arguments[i] = Convert.ToString(args[i], CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new(this, string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments), span, arguments: arguments);
    }

    /// <inheritdoc />
    public override string ToString() => Id + ": " + Title;
}
