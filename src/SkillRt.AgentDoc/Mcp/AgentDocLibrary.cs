using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>A library (or API) a catalog serves, with the versions of its agent-doc.</summary>
/// <param name="Name">The library's name, <see cref="AgentDocIdentity.Name"/>.</param>
/// <param name="Title">A human title, from the newest version's identity; null when it has none.</param>
/// <param name="Versions">Its versions, newest first (<see cref="AgentDocVersionComparer"/>).</param>
public sealed record AgentDocLibrary(string Name, string? Title, IReadOnlyList<AgentDocLibraryVersion> Versions);
