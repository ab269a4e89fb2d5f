namespace SkillRt.Scanning.Rules.Limits;

/// <summary>
/// SKILLSEC0004: the skill has more files than <see cref="ScanOptions.MaxFiles"/> or more bytes than
/// <see cref="ScanOptions.MaxTotalBytes"/>; the rest was not scanned. High, for the same reason as
/// SKILLSEC0002. (In a package, too many entries is SKILLSEC0611.)
/// </summary>
internal static class TooMuchContentRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0004",
        ScanSeverity.High,
        "Too many files or bytes to scan",
        "Remove generated or vendored files from the skill folder; a skill is instructions, a few scripts and small assets");
}
