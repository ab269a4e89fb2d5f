namespace SkillRt.AgentDoc;

/// <summary>A value the caller of a workflow supplies.</summary>
/// <param name="Name">The name steps refer to as <c>$inputs.name</c>.</param>
/// <param name="Description">What it is.</param>
/// <param name="Required">Whether the workflow cannot run without it.</param>
public sealed record AgentDocWorkflowInput(string Name, string? Description = null, bool Required = true);
