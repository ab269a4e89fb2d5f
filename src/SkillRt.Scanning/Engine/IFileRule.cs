namespace SkillRt.Scanning.Engine;

/// <summary>A rule that looks at one file at a time (text or bytes).</summary>
internal interface IFileRule
{
    void Check(ScannedFile file, ScanContext context);
}
