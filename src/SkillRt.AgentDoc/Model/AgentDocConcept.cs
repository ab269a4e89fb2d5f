namespace SkillRt.AgentDoc;

/// <summary>An idea an agent needs before calling the API: a resource, a state machine, a unit, a limit.</summary>
/// <param name="Name">The concept's name, such as "Domain" or "Idempotency key".</param>
/// <param name="Description">What it is and how it matters to callers.</param>
public sealed record AgentDocConcept(string Name, string Description);
