namespace SkillRt;

/// <summary>
/// What a skill suggests about the model that runs it (<c>runtime.model</c>). Hints, not demands: a
/// host's per-call settings override them, and a host may ignore them altogether.
/// </summary>
public sealed class SkillModelHints
{
    /// <summary>A skill that suggests nothing.</summary>
    public static SkillModelHints None { get; } = new();

    /// <summary>The model the skill was written for, such as <c>gpt-4.1-mini</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The sampling temperature, from 0 to 2.</summary>
    public double? Temperature { get; init; }

    /// <summary>The most tokens one response may have, at least 1.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Whether no hint is given.</summary>
    public bool IsEmpty => Id is null && Temperature is null && MaxOutputTokens is null;
}
