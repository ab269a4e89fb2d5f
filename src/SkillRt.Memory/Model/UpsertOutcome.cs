namespace SkillRt.Memory;

/// <summary>What an upsert did.</summary>
public enum UpsertOutcome
{
    /// <summary>A new memory was stored.</summary>
    Created = 0,

    /// <summary>The memory had the same content; nothing changed.</summary>
    Unchanged = 1,

    /// <summary>The memory had the same content; its tags (or validity) were updated in place.</summary>
    Updated = 2,

    /// <summary>The memory had other content: the old revision was kept in its history and the new one is current.</summary>
    Superseded = 3,

    /// <summary>A keyless write had the same content as a live memory: merged into it (tags united), no copy made.</summary>
    MergedExactDuplicate = 4,

    /// <summary>The write was a near duplicate and the policy was <see cref="DuplicatePolicy.Merge"/>: it superseded the most similar memory.</summary>
    MergedNearDuplicate = 5,

    /// <summary>The write was a near duplicate and the policy was <see cref="DuplicatePolicy.Reject"/>: nothing was stored.</summary>
    RejectedAsDuplicate = 6,
}
