namespace SkillRt.Scanning.Engine;

/// <summary>File names from an archive are attacker-chosen: shown only through this.</summary>
internal static class Paths
{
    /// <summary>The name with control and invisible characters spelled out, fit to print as a finding's path.</summary>
    public static string Safe(string name) => Evidence.Escape(name, 240);
}
