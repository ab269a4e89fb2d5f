namespace SkillRt.AgentDoc;

/// <summary>Says an operation is deprecated, and what to use instead.</summary>
/// <param name="Note">Why, and until when it works.</param>
/// <param name="Replacement">The ID of the operation to use instead, when there is one.</param>
/// <param name="Since">The version of the API that deprecated it.</param>
public sealed record AgentDocDeprecation(string? Note = null, string? Replacement = null, string? Since = null);
