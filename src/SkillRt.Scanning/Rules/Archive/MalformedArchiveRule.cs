namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0612: the package is not a plain, single-part ZIP archive the scanner can account for:
/// no end record, ZIP64, spanned, records pointing outside the file, bytes appended, a local header
/// missing, an unknown compression method or corrupt data. Different unzippers disagree on such
/// files, so what the scanner saw might not be what an installer unpacks; it is High because the
/// scanner cannot clear what it could not read.
/// </summary>
internal static class MalformedArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0612",
        ScanSeverity.High,
        "Malformed or uninspectable archive",
        "Pack the skill with `dotnet pack` (or `skill pack`) and upload the file unchanged");
}
