namespace SkillRt.Generators;

/// <summary>Names of the pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string SkillFiles = nameof(SkillFiles);
    public const string SkillSpecs = nameof(SkillSpecs);
}
