namespace SkillRt.Cli;

/// <summary>The documented exit codes of the <c>skill</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>A skill has errors.</summary>
    public const int InvalidSkill = 1;

    /// <summary>The command line was wrong, a path does not exist or cannot be read, or a folder holds no skill.</summary>
    public const int UsageError = 2;
}
