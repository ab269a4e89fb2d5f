namespace SkillRt.Registry.Publishing;

/// <summary>
/// One problem in a published package's SKILL.md, as the <c>diagnostics</c> member of a refused
/// publish's problem details (and the <c>warnings</c> of an accepted one) carries it; <c>skill publish</c>
/// prints it in compiler format, <c>file(line,column): severity id: message</c>.
/// </summary>
/// <param name="Id">The diagnostic's stable ID (<c>SKILL0102</c>), documented in spec/diagnostics.md.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="File">The file's path in the package (<c>skills/pr-review/SKILL.md</c>).</param>
/// <param name="Line">1-based line of the problem.</param>
/// <param name="Column">1-based column of the problem.</param>
/// <param name="Message">What is wrong and what to do.</param>
internal sealed record PackageDiagnostic(string Id, string Severity, string File, int Line, int Column, string Message);
