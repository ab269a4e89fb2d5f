namespace SkillRt.Generators;

/// <summary>
/// What the generator learned from one SKILL.md: its diagnostics and, when it has no errors, the
/// code to generate for it.
/// </summary>
internal sealed record SkillSpec(string FilePath, EquatableArray<DiagnosticSpec> Diagnostics, SkillCodeSpec? Code);
