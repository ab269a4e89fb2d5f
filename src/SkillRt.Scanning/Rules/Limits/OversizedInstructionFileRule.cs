namespace SkillRt.Scanning.Rules.Limits;

/// <summary>
/// SKILLSEC0002: a SKILL.md, script or Markdown reference over <see cref="ScanOptions.MaxFileBytes"/>.
/// Only its start was scanned; anything after could hide instructions or code, and a model or a shell
/// reads it all. High, because the scanner cannot clear what it did not read.
/// </summary>
internal static class OversizedInstructionFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0002",
        ScanSeverity.High,
        "Instruction or script file too large to scan",
        "Split the file or move data out of it into assets/; SKILL.md and scripts are meant to be small");
}
