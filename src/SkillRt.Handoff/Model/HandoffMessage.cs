namespace SkillRt.Handoff;

/// <summary>One message of the parent's conversation passed as context.</summary>
public sealed record HandoffMessage
{
    /// <summary><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The message's text.</summary>
    public required string Content { get; init; }
}
