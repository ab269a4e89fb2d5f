namespace SkillRt.Memory;

/// <summary>Which time of a memory a <see cref="MemoryTimeRange"/> applies to.</summary>
public enum MemoryTimeField
{
    /// <summary>When the current revision was written.</summary>
    Updated = 0,

    /// <summary>When the memory was first written.</summary>
    Created = 1,

    /// <summary>From when the current revision holds.</summary>
    ValidFrom = 2,

    /// <summary>When the memory was last read (never-read memories are outside every range).</summary>
    LastRead = 3,
}
