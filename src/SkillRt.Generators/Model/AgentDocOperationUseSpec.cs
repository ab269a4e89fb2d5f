namespace SkillRt.Generators;

/// <summary>One operation ID under a <c>dependencies.agent-docs</c> entry's <c>operations</c>, and where it is written.</summary>
internal sealed record AgentDocOperationUseSpec(string Id, DiagnosticLocation Location);
