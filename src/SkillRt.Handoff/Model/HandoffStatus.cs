using System.Text.Json.Serialization;
using SkillRt.Handoff.Serialization;

namespace SkillRt.Handoff;

/// <summary>How a handoff, or one attempt of it, ended; the wire names are snake_case.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<HandoffStatus>))]
public enum HandoffStatus
{
    /// <summary>The output satisfies every criterion.</summary>
    Completed,

    /// <summary>Every attempt produced an output that failed a criterion (the schema, an assertion or the rubric).</summary>
    CriteriaUnmet,

    /// <summary>A limit of the budget (tokens, cost, turns or the deadline) was reached.</summary>
    BudgetExhausted,

    /// <summary>The child needs something from the parent before it can go on.</summary>
    NeedsInput,

    /// <summary>The envelope was invalid, or every attempt failed for a reason other than the criteria (a provider error, a refused call).</summary>
    Failed,

    /// <summary>The parent cancelled the handoff.</summary>
    Cancelled,
}
