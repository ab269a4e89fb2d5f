namespace SkillRt.Memory;

/// <summary>Where a memory, or one revision of it, stands.</summary>
public enum MemoryState
{
    /// <summary>Current and found by queries.</summary>
    Live = 0,

    /// <summary>Current but archived by decay: found only when a query asks for archived memories; restorable.</summary>
    Archived = 1,

    /// <summary>A past revision, replaced by a newer one; only in <see cref="ISkillMemory.HistoryAsync"/>.</summary>
    Superseded = 2,
}
