using System.Collections.Generic;

namespace SkillRt.Handoff;

/// <summary>What of the parent's conversation and artifacts goes along with the task (HANDOFF-SPEC section 3.6).</summary>
public sealed record HandoffContext
{
    /// <summary>How much of the conversation goes along.</summary>
    public required HandoffContextMode Mode { get; init; }

    /// <summary>The parent's summary of the conversation; required by <see cref="HandoffContextMode.Summary"/>.</summary>
    public string? Summary { get; init; }

    /// <summary>The conversation's messages; required by <see cref="HandoffContextMode.Messages"/> and <see cref="HandoffContextMode.Full"/>.</summary>
    public IReadOnlyList<HandoffMessage>? Messages { get; init; }

    /// <summary>Files and documents the child may read, whatever the mode.</summary>
    public IReadOnlyList<HandoffArtifact>? Artifacts { get; init; }
}
