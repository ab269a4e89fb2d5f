using System;
using System.Diagnostics.CodeAnalysis;

namespace SkillRt;

/// <summary>
/// Ends a parse at the first error the YAML parser cannot recover from. It never leaves the parser:
/// <see cref="YamlParser.Read"/> turns it into the diagnostic it carries.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Internal control flow; always carries a diagnostic.")]
[SuppressMessage("Design", "CA1064:Exceptions should be public", Justification = "Never escapes the parser.")]
internal sealed class YamlSyntaxException : Exception
{
    public YamlSyntaxException(SkillDiagnostic diagnostic)
        : base(diagnostic.Message) => Diagnostic = diagnostic;

    public SkillDiagnostic Diagnostic { get; }
}
