using System.Text.Json;

namespace SkillRt.Handoff;

/// <summary>A typed task for <see cref="HandoffDelegatorExtensions.DelegateAsync{TInput, TOutput}"/>: the envelope without the parts the types give.</summary>
/// <typeparam name="TInput">The input's type.</typeparam>
public sealed record HandoffTask<TInput>
{
    /// <summary>The parent's id for the task; a new GUID when <see langword="null"/>.</summary>
    public string? TaskId { get; init; }

    /// <summary>What the child should do, in words.</summary>
    public required string Goal { get; init; }

    /// <summary>The input.</summary>
    public required TInput Input { get; init; }

    /// <summary>The limits.</summary>
    public required HandoffBudget Budget { get; init; }

    /// <summary>Assertions and rubric beyond the output type's schema.</summary>
    public HandoffCriteria? Criteria { get; init; }

    /// <summary>What of the parent's conversation goes along.</summary>
    public HandoffContext? Context { get; init; }

    /// <summary>What the child may use.</summary>
    public HandoffGrants? Grants { get; init; }

    /// <summary>The output schema to use instead of the one inferred from the output type.</summary>
    public JsonElement? OutputSchema { get; init; }
}
