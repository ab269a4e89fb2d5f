namespace SkillRt.Generators;

/// <summary>
/// The agent-docs one SKILL.md declares, with where each declaration and each operation ID is written,
/// for the build's check against the project's <c>AgentDoc</c> items. Kept apart from the skill's code
/// model so that editing a skill's body or an agent-doc reruns only this check, not code generation.
/// <see cref="PackageNote"/> is set for a skill from a package, whose errors name the package.
/// </summary>
internal sealed record AgentDocUseSpec(string FilePath, EquatableArray<AgentDocRequirementSpec> Docs, string? PackageNote);
