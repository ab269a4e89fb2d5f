namespace SkillRt.Scanning.Rules.Limits;

/// <summary>
/// SKILLSEC0001: the scanner could not finish on this input (a defect in the scanner, or an input it did
/// not anticipate). It fails closed: High, so a registry quarantines what it could not clear, and the
/// finding names the file; it never carries a stack trace.
/// </summary>
internal static class ScannerFailureRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0001",
        ScanSeverity.High,
        "The scanner could not inspect the input",
        "Report the input to the SkillRt maintainers; until it is fixed, an administrator reviews the version by hand");
}
