namespace SkillRt.AgentDoc;

/// <summary>An operation found by <see cref="AgentDocIndex.SearchOperations"/>, with how well it matched.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Score">From 0 to 1: 1 when every query word is in the operation's ID or title.</param>
public sealed record AgentDocOperationMatch(AgentDocOperation Operation, double Score);
