using System;
using System.IO;

namespace SkillRt.Cli.Store;

/// <summary>Where the store lives: <c>SKILLRT_HOME</c>, else the platform's per-user data folder.</summary>
internal static class SkillStoreLocation
{
    /// <summary>The environment variable that moves the whole store (tests, CI caches, portable setups).</summary>
    public const string HomeVariable = "SKILLRT_HOME";

    /// <summary>
    /// <c>$SKILLRT_HOME</c> when set; otherwise <c>{data dir}/skillrt</c>, where the data dir is
    /// <c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>~/Library/Application Support</c>
    /// on macOS and <c>%LOCALAPPDATA%</c> on Windows (what .NET's LocalApplicationData gives on each).
    /// </summary>
    public static string Resolve()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(home))
        {
            return Path.GetFullPath(home);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"cannot tell where to keep installed skills: there is no home or data folder; set {HomeVariable} to a folder.");
        }

        return Path.Combine(data, "skillrt");
    }
}
