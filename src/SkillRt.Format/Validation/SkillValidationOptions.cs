namespace SkillRt;

/// <summary>Options for <see cref="SkillValidator"/>.</summary>
public sealed class SkillValidationOptions
{
    /// <summary>The options used when none are given.</summary>
    public static SkillValidationOptions Default { get; } = new();

    /// <summary>
    /// Whether to warn (SKILL0103) when a <c>SKILL.md</c> file's name differs from its folder's.
    /// Turn it off for files whose folder is not meaningful, such as temporary copies. Default: on.
    /// </summary>
    public bool CheckFolderName { get; init; } = true;
}
