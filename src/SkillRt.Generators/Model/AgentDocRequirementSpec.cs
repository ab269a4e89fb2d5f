namespace SkillRt.Generators;

/// <summary>One <c>dependencies.agent-docs</c> entry: the doc's name, its range (null for any version), where it is written and the operations listed.</summary>
internal sealed record AgentDocRequirementSpec(string Name, string? Range, DiagnosticLocation Location, EquatableArray<AgentDocOperationUseSpec> Operations);
