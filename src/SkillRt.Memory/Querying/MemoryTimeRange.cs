using System;

namespace SkillRt.Memory;

/// <summary>A time range on one of a memory's times; either end may be open.</summary>
public sealed class MemoryTimeRange
{
    /// <summary>Which time.</summary>
    public MemoryTimeField Field { get; init; } = MemoryTimeField.Updated;

    /// <summary>From this time, inclusive; open when null.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Before this time, exclusive; open when null.</summary>
    public DateTimeOffset? To { get; init; }
}
