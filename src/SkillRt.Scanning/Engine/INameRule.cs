namespace SkillRt.Scanning.Engine;

/// <summary>A rule over the names a skill or package is installed by.</summary>
internal interface INameRule
{
    void Check(ScannedName name, ScanContext context);
}
