using System;

namespace SkillRt;

/// <summary>One step of a streamed run.</summary>
/// <typeparam name="TOutput">The skill's output type.</typeparam>
public sealed class SkillRunUpdate<TOutput>
{
    /// <summary>Creates a text update.</summary>
    /// <param name="text">More output text.</param>
    public SkillRunUpdate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Kind = SkillRunUpdateKind.TextDelta;
        Text = text;
    }

    /// <summary>Creates a repair notice.</summary>
    /// <param name="repair">The rejected output and why.</param>
    public SkillRunUpdate(SkillRepair repair)
    {
        ArgumentNullException.ThrowIfNull(repair);
        Kind = SkillRunUpdateKind.Repair;
        Repair = repair;
    }

    /// <summary>Creates the final update.</summary>
    /// <param name="result">The validated output and the report.</param>
    public SkillRunUpdate(SkillRunResult<TOutput> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Kind = SkillRunUpdateKind.Completed;
        Result = result;
    }

    /// <summary>What this update carries.</summary>
    public SkillRunUpdateKind Kind { get; }

    /// <summary>For <see cref="SkillRunUpdateKind.TextDelta"/>, the new text.</summary>
    public string? Text { get; }

    /// <summary>For <see cref="SkillRunUpdateKind.Repair"/>, the rejected output and its violations.</summary>
    public SkillRepair? Repair { get; }

    /// <summary>For <see cref="SkillRunUpdateKind.Completed"/>, the validated output and the report.</summary>
    public SkillRunResult<TOutput>? Result { get; }
}
