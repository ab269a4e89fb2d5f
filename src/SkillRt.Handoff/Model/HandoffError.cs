namespace SkillRt.Handoff;

/// <summary>Why a handoff or an attempt did not complete.</summary>
public sealed record HandoffError
{
    /// <summary>A stable code (HANDOFF-SPEC section 4.3), such as <c>budget_output_tokens</c> or <c>invalid_envelope</c>.</summary>
    public required string Code { get; init; }

    /// <summary>What happened and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>A JSON Pointer into the envelope or the output, when the error is about one place.</summary>
    public string? Path { get; init; }
}
