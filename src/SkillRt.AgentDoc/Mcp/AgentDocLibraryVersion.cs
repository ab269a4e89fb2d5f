namespace SkillRt.AgentDoc;

/// <summary>One version of a library's agent-doc, pinned by its content hash.</summary>
/// <param name="Version">The version documented, <see cref="AgentDocIdentity.Version"/>.</param>
/// <param name="ContentHash">The document's content hash (<see cref="AgentDocContentHash"/>).</param>
/// <param name="Operations">How many operations it documents.</param>
/// <param name="Workflows">How many workflows it documents.</param>
public sealed record AgentDocLibraryVersion(string Version, string ContentHash, int Operations, int Workflows);
