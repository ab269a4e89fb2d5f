namespace SkillRt.Handoff;

/// <summary>One attempt of a handoff: a run of the task on one model.</summary>
public sealed record HandoffAttempt
{
    /// <summary>The model id the attempt ran on (the keyed chat client's key).</summary>
    public required string Model { get; init; }

    /// <summary>How the attempt ended.</summary>
    public required HandoffStatus Status { get; init; }

    /// <summary>What the attempt used.</summary>
    public required HandoffUsage Usage { get; init; }

    /// <summary>Why the attempt did not complete.</summary>
    public HandoffError? Error { get; init; }
}
