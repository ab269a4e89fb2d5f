using System;

namespace SkillRt.Handoff;

/// <summary>
/// The limits of a handoff, over every attempt and the grader together (HANDOFF-SPEC section 3.5).
/// A limit left out is not enforced; at least one must be set.
/// </summary>
/// <remarks>
/// Tokens are the provider's counts when it reports them, and otherwise an estimate of one token per
/// four characters of streamed text, counted chunk by chunk; so a limit is never passed by more than
/// the chunk that reached it.
/// </remarks>
public sealed record HandoffBudget
{
    /// <summary>Prompt tokens over all model calls.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Completion tokens over all model calls.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Prompt plus completion tokens over all model calls.</summary>
    public long? TotalTokens { get; init; }

    /// <summary>Estimated cost in US dollars, from the delegator's price table.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Model calls (a repair or a retry is a call).</summary>
    public int? Turns { get; init; }

    /// <summary>When the handoff must end, whatever state it is in (RFC 3339 on the wire).</summary>
    public DateTimeOffset? Deadline { get; init; }
}
