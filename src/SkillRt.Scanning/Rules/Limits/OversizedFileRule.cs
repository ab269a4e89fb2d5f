namespace SkillRt.Scanning.Rules.Limits;

/// <summary>SKILLSEC0003: an asset or other file over <see cref="ScanOptions.MaxFileBytes"/>; only its start was scanned.</summary>
internal static class OversizedFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0003",
        ScanSeverity.Low,
        "File too large to scan fully",
        "Keep assets small, or fetch large data at run time from a declared host");
}
