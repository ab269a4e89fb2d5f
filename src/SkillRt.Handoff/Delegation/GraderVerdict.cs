namespace SkillRt.Handoff.Delegation;

/// <summary>What a rubric grader answers.</summary>
internal sealed record GraderVerdict
{
    public double Score { get; init; }

    public string? Reason { get; init; }
}
