using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>
/// The agent-docs a doc server answers from: the libraries and their versions, and the index of one
/// version. <see cref="AgentDocCatalog"/> holds documents in memory (<c>skillrt agent-doc serve</c>); the
/// server's module reads the ones published to its registry. Implementations are safe to share between threads.
/// </summary>
public interface IAgentDocCatalog
{
    /// <summary>Every library served, by name (ordinal), each with its versions newest first.</summary>
    ValueTask<IReadOnlyList<AgentDocLibrary>> ListLibrariesAsync(CancellationToken cancellationToken = default);

    /// <summary>The index of one version of a library (name and version exactly as listed), or null when it is not served.</summary>
    ValueTask<AgentDocIndex?> FindAsync(string name, string version, CancellationToken cancellationToken = default);
}
