using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>
/// A catalog narrowed to the exact library versions one skill declared: the doc tools answer from it, so a
/// query naming any other library or version is the tools' usual "not served" error, listing only these.
/// </summary>
internal sealed class ScopedAgentDocCatalog : IAgentDocCatalog
{
    private readonly IAgentDocCatalog _inner;
    private readonly IReadOnlyList<AgentDocLibrary> _libraries;

    public ScopedAgentDocCatalog(IAgentDocCatalog inner, IReadOnlyList<AgentDocLibrary> libraries)
    {
        _inner = inner;
        _libraries = [.. libraries.OrderBy(l => l.Name, StringComparer.Ordinal)];
    }

    public ValueTask<IReadOnlyList<AgentDocLibrary>> ListLibrariesAsync(CancellationToken cancellationToken = default) => new(_libraries);

    public ValueTask<AgentDocIndex?> FindAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        foreach (var library in _libraries)
        {
            if (string.Equals(library.Name, name, StringComparison.Ordinal) && string.Equals(library.Versions[0].Version, version, StringComparison.Ordinal))
            {
                return _inner.FindAsync(name, version, cancellationToken);
            }
        }

        return new((AgentDocIndex?)null);
    }
}
