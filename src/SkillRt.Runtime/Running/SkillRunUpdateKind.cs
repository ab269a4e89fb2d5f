namespace SkillRt;

/// <summary>What a <see cref="SkillRunUpdate{TOutput}"/> carries.</summary>
public enum SkillRunUpdateKind
{
    /// <summary>More output text as the model writes it.</summary>
    TextDelta,

    /// <summary>The output broke the contract and is being sent back to be fixed.</summary>
    Repair,

    /// <summary>The run finished; the validated output and report are in <see cref="SkillRunUpdate{TOutput}.Result"/>.</summary>
    Completed,
}
