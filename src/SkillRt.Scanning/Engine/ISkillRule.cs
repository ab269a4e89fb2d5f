namespace SkillRt.Scanning.Engine;

/// <summary>A rule that looks at a skill as a whole (its name, its declared permissions).</summary>
internal interface ISkillRule
{
    void Check(SkillUnit skill, ScanContext context);
}
