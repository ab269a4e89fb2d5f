namespace SkillRt.Cli.Store;

/// <summary>What publishing a staged skill into the store did.</summary>
internal enum InstallOutcome
{
    /// <summary>The version was not installed; now it is.</summary>
    Installed,

    /// <summary>The same version was already installed and sound; it was left as it was.</summary>
    AlreadyInstalled,

    /// <summary>The version was installed (or damaged) and was replaced.</summary>
    Replaced,
}
