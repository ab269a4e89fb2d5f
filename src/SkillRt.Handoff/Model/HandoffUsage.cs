namespace SkillRt.Handoff;

/// <summary>Tokens and model calls used.</summary>
public sealed record HandoffUsage
{
    /// <summary>Prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Prompt plus completion tokens.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Model calls made.</summary>
    public int Turns { get; init; }

    /// <summary>Whether a count is an estimate: a call was stopped before the provider reported its usage.</summary>
    public bool Estimated { get; init; }
}
