using System;
using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>What <see cref="ISkillMemory.DecayAsync"/> archives.</summary>
public sealed class DecayRequest
{
    /// <summary>Archive live memories neither written nor read for at least this long (positive).</summary>
    public required TimeSpan OlderThan { get; init; }

    /// <summary>Only report what would be archived.</summary>
    public bool DryRun { get; init; }

    /// <summary>The namespaces (same forms as <see cref="MemoryQuery.Namespaces"/>); every namespace when null or empty.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }
}
