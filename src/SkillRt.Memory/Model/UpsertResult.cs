using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>What <see cref="ISkillMemory.UpsertAsync"/> did.</summary>
public sealed class UpsertResult
{
    /// <summary>What happened.</summary>
    public required UpsertOutcome Outcome { get; init; }

    /// <summary>The memory as stored now; null only when the write was <see cref="UpsertOutcome.RejectedAsDuplicate"/>.</summary>
    public MemoryRecord? Memory { get; init; }

    /// <summary>The exact or near duplicates found, most similar first; empty when none.</summary>
    public required IReadOnlyList<DuplicateMatch> Duplicates { get; init; }

    /// <summary>The duplicate policy that applied (the write's, or the configured one).</summary>
    public required DuplicatePolicy Policy { get; init; }
}
