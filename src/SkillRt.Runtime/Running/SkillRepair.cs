using System.Collections.Generic;

namespace SkillRt;

/// <summary>One output that broke the contract and was sent back to be fixed.</summary>
public sealed class SkillRepair
{
    /// <summary>Which attempt produced the output, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// The rejected output exactly as produced; for an answer longer than
    /// <see cref="SkillRunnerOptions.MaxAnswerLength"/>, only its start and how much was left out.
    /// </summary>
    public required string RawOutput { get; init; }

    /// <summary>Why it was rejected.</summary>
    public required IReadOnlyList<SkillViolation> Violations { get; init; }
}
