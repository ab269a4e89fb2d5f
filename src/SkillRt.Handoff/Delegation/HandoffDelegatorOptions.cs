using System;

namespace SkillRt.Handoff;

/// <summary>The delegator's settings, shared by every handoff it runs.</summary>
public sealed class HandoffDelegatorOptions
{
    /// <summary>Prices per model id, for the cost in results and <see cref="HandoffBudget.CostUsd"/>; looked up by the model id a handoff names.</summary>
    public SkillPriceTable Prices { get; set; } = new();

    /// <summary>The grader's model id for rubrics that name none; none by default, so such a rubric is refused.</summary>
    public string? DefaultGrader { get; set; }

    /// <summary>The clock for deadlines; the system clock by default (tests use a manual one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Settings of the runners the child tasks run on (one per model), applied to a fresh <see cref="SkillRunnerOptions"/>.</summary>
    public Action<SkillRunnerOptions>? ConfigureRunner { get; set; }
}
