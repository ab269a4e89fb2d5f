namespace SkillRt.Generators;

/// <summary>What the generator learned from one SKILL.md: for now, its diagnostics.</summary>
internal sealed record SkillFileSpec(string Path, EquatableArray<DiagnosticSpec> Diagnostics);
