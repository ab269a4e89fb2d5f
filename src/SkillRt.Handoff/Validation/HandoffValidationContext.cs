using System;

namespace SkillRt.Handoff;

/// <summary>What the checks a schema cannot make need to know: the clock, what the parent holds, whether a grader exists.</summary>
public sealed class HandoffValidationContext
{
    /// <summary>The context with nothing known: no grants held, no grader, the system clock.</summary>
    public static HandoffValidationContext Default { get; } = new();

    /// <summary>What the parent holds; an envelope may grant no more. <see langword="null"/> holds nothing, so any grant is refused.</summary>
    public HandoffGrants? ParentGrants { get; init; }

    /// <summary>The clock a deadline is compared with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether a rubric without its own grader can be graded (the delegator has a default grader).</summary>
    public bool HasDefaultGrader { get; init; }

    /// <summary>Whether a grader model id names a chat client that exists; <see langword="null"/> accepts any.</summary>
    public Func<string, bool>? IsKnownModel { get; init; }
}
