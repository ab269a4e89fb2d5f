using System.Collections.Generic;

namespace SkillRt.Handoff;

/// <summary>How to run one handoff: which model, how to retry and escalate, and what the parent holds.</summary>
/// <example>
/// <code>
/// var options = new DelegateOptions { Model = "cheap", Escalation = ["strong"], RetriesPerModel = 1 };
/// </code>
/// </example>
public sealed class DelegateOptions
{
    /// <summary>
    /// The model id to run the task on first: the key of a chat client registered with
    /// <c>services.AddKeyedChatClient(key, …)</c> (or known to the delegator's resolver).
    /// </summary>
    public required string Model { get; init; }

    /// <summary>The models to hand the task to, in order, when every attempt on the one before fails; none by default.</summary>
    public IReadOnlyList<string> Escalation { get; init; } = [];

    /// <summary>How many times to try again on the same model after an attempt fails its criteria or errs; 1 by default. The budget is shared by all.</summary>
    public int RetriesPerModel { get; init; } = 1;

    /// <summary>The runner's repair attempts within one attempt (the output sent back with its schema violations); 1 by default.</summary>
    public int MaxRepairAttempts { get; init; } = 1;

    /// <summary>What the parent holds; the envelope may grant the child no more. <see langword="null"/> holds nothing.</summary>
    public HandoffGrants? ParentGrants { get; init; }

    /// <summary>The grader's model id for a rubric that names none; <see cref="HandoffDelegatorOptions.DefaultGrader"/> when <see langword="null"/>.</summary>
    public string? Grader { get; init; }
}
