namespace SkillRt.AgentDoc;

/// <summary>What a doc query answers: JSON text (or, for an error, a sentence saying what exists), and whether it is an error.</summary>
/// <param name="Text">The answer: compact JSON for a result, plain text for an error.</param>
/// <param name="IsError">True when the query named something that does not exist or passed a bad argument.</param>
internal readonly record struct AgentDocAnswer(string Text, bool IsError)
{
    public static AgentDocAnswer Error(string message) => new(message, true);
}
