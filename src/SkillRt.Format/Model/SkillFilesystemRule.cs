namespace SkillRt;

/// <summary>Paths a skill may touch, as a glob, and how.</summary>
public sealed class SkillFilesystemRule
{
    /// <summary>The glob (<c>*</c>, <c>**</c>, <c>?</c>, <c>[abc]</c>, <c>{a,b}</c>).</summary>
    public string Pattern { get; init; } = string.Empty;

    /// <summary>What the skill may do with matching paths.</summary>
    public SkillFileAccess Access { get; init; } = SkillFileAccess.ReadWrite;
}
