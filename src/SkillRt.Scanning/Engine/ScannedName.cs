namespace SkillRt.Scanning.Engine;

/// <summary>A name others will type to install something (a skill's name, a package's ID), checked against the known names.</summary>
internal sealed class ScannedName(string kind, string value, string path, int? line)
{
    /// <summary>"skill name" or "package ID", for messages.</summary>
    public string Kind { get; } = kind;

    public string Value { get; } = value;

    public string Path { get; } = path;

    public int? Line { get; } = line;
}
