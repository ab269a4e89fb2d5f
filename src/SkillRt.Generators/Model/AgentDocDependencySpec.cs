namespace SkillRt.Generators;

/// <summary>A <c>dependencies.agent-docs</c> entry; <see cref="Range"/> is null for any version.</summary>
internal sealed record AgentDocDependencySpec(string Name, string? Range, EquatableArray<string> Operations);
