using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Handoff;

/// <summary>
/// What a handoff returns (HANDOFF-SPEC section 4): a status, the output when
/// <see cref="HandoffStatus.Completed"/>, and the account of what happened. A model that misbehaves
/// gives a result with a status and an <see cref="Error"/>, never an exception.
/// </summary>
public sealed record HandoffResult
{
    /// <summary>The envelope's task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>How the handoff ended.</summary>
    public required HandoffStatus Status { get; init; }

    /// <summary>The output, valid against the envelope's output schema; present exactly when <see cref="Status"/> is <see cref="HandoffStatus.Completed"/>.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Tokens and model calls over every attempt and the grader.</summary>
    public required HandoffUsage Usage { get; init; }

    /// <summary>Estimated cost in US dollars; <see langword="null"/> when a model used has no price.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Each attempt, in order: the model, how it ended and what it used.</summary>
    public required IReadOnlyList<HandoffAttempt> Attempts { get; init; }

    /// <summary>The verdict on each criterion for the last attempt that produced an output.</summary>
    public required IReadOnlyList<HandoffEvidence> Evidence { get; init; }

    /// <summary>The W3C trace id shared by the parent and the child.</summary>
    public string? TraceId { get; init; }

    /// <summary>Why the handoff did not complete; present exactly when it did not.</summary>
    public HandoffError? Error { get; init; }
}
