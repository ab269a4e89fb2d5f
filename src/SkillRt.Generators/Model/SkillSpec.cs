namespace SkillRt.Generators;

/// <summary>
/// What the generator learned from one SKILL.md: its diagnostics and, when it has no errors, the
/// code to generate for it; and the agent-docs it declares (null when none), to check against the
/// project's <c>AgentDoc</c> items.
/// </summary>
internal sealed record SkillSpec(string FilePath, EquatableArray<DiagnosticSpec> Diagnostics, SkillCodeSpec? Code, AgentDocUseSpec? AgentDocUse = null);
