namespace SkillRt.Server.AgentDocs;

/// <summary>Registered by AddAgentDocs, so MapAgentDocs can say clearly when it was not called.</summary>
internal sealed class AgentDocsMarker;
