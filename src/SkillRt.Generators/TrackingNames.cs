namespace SkillRt.Generators;

/// <summary>Names of the pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string SkillFiles = nameof(SkillFiles);
    public const string SkillFolders = nameof(SkillFolders);
    public const string SkillSpecs = nameof(SkillSpecs);
    public const string TypeNames = nameof(TypeNames);
    public const string TypeConflicts = nameof(TypeConflicts);
    public const string SkillOutputs = nameof(SkillOutputs);
    public const string CatalogEntries = nameof(CatalogEntries);
    public const string Catalog = nameof(Catalog);
    public const string RuntimeReference = nameof(RuntimeReference);
    public const string AgentDocFiles = nameof(AgentDocFiles);
    public const string AgentDocOutlines = nameof(AgentDocOutlines);
    public const string AgentDocSet = nameof(AgentDocSet);
    public const string AgentDocUses = nameof(AgentDocUses);
    public const string AgentDocChecks = nameof(AgentDocChecks);
}
