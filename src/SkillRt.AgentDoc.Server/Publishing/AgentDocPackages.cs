namespace SkillRt.Server.AgentDocs;

/// <summary>How an agent-doc is published to the registry: a NuGet package of its own type with agent-doc.yaml at its root.</summary>
public static class AgentDocPackages
{
    /// <summary>The nuspec package type (<c>&lt;PackageType&gt;SkillRtAgentDoc&lt;/PackageType&gt;</c> in a csproj) that marks an agent-doc package.</summary>
    public const string PackageType = "SkillRtAgentDoc";

    /// <summary>The file at the package's root that holds the agent-doc.</summary>
    public const string FileName = SkillRt.AgentDoc.AgentDocSpec.FileName;

    /// <summary>The package has no agent-doc.yaml at its root.</summary>
    public const string MissingFileId = "ADOC0901";

    /// <summary>The agent-doc's identity.name is not the package ID.</summary>
    public const string NameMismatchId = "ADOC0902";

    /// <summary>The agent-doc's identity.version is not the package version.</summary>
    public const string VersionMismatchId = "ADOC0903";
}
