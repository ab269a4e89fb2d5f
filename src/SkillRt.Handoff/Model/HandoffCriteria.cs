using System.Collections.Generic;

namespace SkillRt.Handoff;

/// <summary>
/// What "done" means besides the output schema (which always applies): assertions on the output
/// and an optional model-graded rubric (HANDOFF-SPEC section 3.4).
/// </summary>
public sealed record HandoffCriteria
{
    /// <summary>Checks on the output, each at a JSON Pointer; all must pass.</summary>
    public IReadOnlyList<HandoffAssertion>? Assertions { get; init; }

    /// <summary>A grader model's verdict, when the task needs judgement a check cannot make.</summary>
    public HandoffRubric? Rubric { get; init; }
}
