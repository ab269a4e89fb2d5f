namespace SkillRt.Handoff;

/// <summary>The verdict on one criterion, with what it was based on.</summary>
public sealed record HandoffEvidence
{
    /// <summary>Which criterion: <c>schema</c>, <c>assertions/{index}</c> (or the assertion's id), or <c>rubric</c>.</summary>
    public required string Criterion { get; init; }

    /// <summary>Whether it passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>What was found, in words.</summary>
    public string? Detail { get; init; }

    /// <summary>The JSON Pointer into the output the verdict is about.</summary>
    public string? Path { get; init; }

    /// <summary>The grader's score, for the rubric.</summary>
    public double? Score { get; init; }
}
