namespace SkillRt.Memory;

/// <summary>What a write does when it is a near duplicate of a live memory.</summary>
public enum DuplicatePolicy
{
    /// <summary>Supersede the most similar memory with the write (the old content stays in its history) and merge the tags.</summary>
    Merge = 0,

    /// <summary>Store the write as a memory of its own and report the duplicates.</summary>
    KeepBoth = 1,

    /// <summary>Store nothing and report the duplicates (<see cref="UpsertOutcome.RejectedAsDuplicate"/>).</summary>
    Reject = 2,
}
