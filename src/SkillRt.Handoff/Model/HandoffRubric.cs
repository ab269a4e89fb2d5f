namespace SkillRt.Handoff;

/// <summary>A model-graded criterion: a grader scores the output from 0 to 1 against <see cref="Instructions"/>.</summary>
public sealed record HandoffRubric
{
    /// <summary>What the grader looks for.</summary>
    public required string Instructions { get; init; }

    /// <summary>The lowest score that passes, from 0 to 1.</summary>
    public required double PassScore { get; init; }

    /// <summary>The grader's model id (a keyed chat client); the delegator's default grader when absent.</summary>
    public string? Grader { get; init; }
}
