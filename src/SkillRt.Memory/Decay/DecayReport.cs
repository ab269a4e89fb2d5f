using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>What a decay run archived, or would archive on a dry run.</summary>
public sealed class DecayReport
{
    /// <summary>Whether it was a dry run (nothing changed).</summary>
    public required bool DryRun { get; init; }

    /// <summary>How many memories were (or would be) archived.</summary>
    public required int Count { get; init; }

    /// <summary>The first <see cref="SkillMemoryOptions.MaxDecayReportItems"/> of them, least fresh first.</summary>
    public required IReadOnlyList<DecayedMemory> Memories { get; init; }
}
