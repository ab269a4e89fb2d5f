namespace SkillRt;

/// <summary>
/// The limits that keep parsing fast and bounded on hostile input. They are far above what any
/// real skill needs; a file past one of them gets a diagnostic, never an exception or a hang.
/// </summary>
public static class SkillParserLimits
{
    /// <summary>The largest SKILL.md accepted, in bytes (1 MiB).</summary>
    public static int MaxFileBytes => 1024 * 1024;

    /// <summary>How deep mappings and sequences may nest in the frontmatter.</summary>
    public static int MaxNestingDepth => 64;

    /// <summary>How many nodes YAML aliases may add in total when expanded (guards against "billion laughs").</summary>
    public static int MaxAliasExpansion => 10_000;
}
