using System;
using System.IO;

namespace SkillRt.Cli.Sources;

/// <summary>
/// Where SkillRt keeps its own user configuration (registry sources and their keys):
/// <c>$SKILLRT_CONFIG_HOME</c> when set, else <c>$XDG_CONFIG_HOME/skillrt</c>, else
/// <c>~/.config/skillrt</c> (on Windows, the roaming application data folder). Configuration, not data:
/// the skill store (<c>SKILLRT_HOME</c>) can be wiped or cached without losing a login.
/// </summary>
internal static class ConfigLocation
{
    /// <summary>The variable that moves the whole configuration folder (tests, portable setups).</summary>
    public const string HomeVariable = "SKILLRT_CONFIG_HOME";

    /// <summary>The configuration folder in effect; it may not exist yet.</summary>
    public static string Resolve()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(home))
        {
            return Path.GetFullPath(home);
        }

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (!string.IsNullOrWhiteSpace(configHome) && Path.IsPathFullyQualified(configHome))
        {
            return Path.Combine(configHome, "skillrt");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "skillrt");
        }

        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(profile))
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"cannot tell where to keep skillrt's configuration: there is no home folder; set {HomeVariable} to a folder.");
        }

        return Path.Combine(profile, ".config", "skillrt");
    }
}
