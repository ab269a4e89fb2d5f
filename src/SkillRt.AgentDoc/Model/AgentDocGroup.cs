namespace SkillRt.AgentDoc;

/// <summary>A group of operations (an OpenAPI tag).</summary>
/// <param name="Id">The ID operations name in <see cref="AgentDocOperation.Group"/>.</param>
/// <param name="Title">The title shown to people and agents.</param>
/// <param name="Description">What the group's operations are about.</param>
public sealed record AgentDocGroup(string Id, string Title, string? Description = null);
