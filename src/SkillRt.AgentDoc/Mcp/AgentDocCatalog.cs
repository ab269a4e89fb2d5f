using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>
/// A fixed set of agent-docs held in memory and indexed once: what <c>skillrt agent-doc serve</c> answers
/// from. Read-only after construction, so it is safe to share between threads and requests.
/// </summary>
public sealed class AgentDocCatalog : IAgentDocCatalog
{
    private readonly Dictionary<(string Name, string Version), AgentDocIndex> _indexes = [];
    private readonly IReadOnlyList<AgentDocLibrary> _libraries;

    /// <summary>Indexes <paramref name="documents"/>.</summary>
    /// <exception cref="ArgumentException">Two documents have the same name and version but different content.</exception>
    public AgentDocCatalog(IEnumerable<AgentDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            var index = new AgentDocIndex(document);
            var key = (index.Identity.Name, index.Identity.Version);
            if (_indexes.TryGetValue(key, out var existing))
            {
                if (existing.Identity.ContentHash != index.Identity.ContentHash)
                {
                    throw new ArgumentException($"Two different agent-docs are both {key.Name} {key.Version} ({existing.Identity.ContentHash} and {index.Identity.ContentHash}); serve one of them, or give the other its own version.", nameof(documents));
                }

                continue;
            }

            _indexes[key] = index;
        }

        _libraries = Describe(_indexes.Values);
    }

    /// <summary>The number of documents (library versions) served.</summary>
    public int Count => _indexes.Count;

    /// <summary>The libraries served, as <see cref="ListLibrariesAsync"/> returns them.</summary>
    public IReadOnlyList<AgentDocLibrary> Libraries => _libraries;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AgentDocLibrary>> ListLibrariesAsync(CancellationToken cancellationToken = default) => new(_libraries);

    /// <inheritdoc/>
    public ValueTask<AgentDocIndex?> FindAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        return new(_indexes.GetValueOrDefault((name, version)));
    }

    /// <summary>
    /// Groups indexes into libraries, by name (ordinal), each with its versions newest first: the listing
    /// every catalog returns, so one helper keeps them the same.
    /// </summary>
    public static IReadOnlyList<AgentDocLibrary> Describe(IEnumerable<AgentDocIndex> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        return indexes
            .GroupBy(i => i.Identity.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var versions = g.OrderByDescending(i => i.Identity.Version, AgentDocVersionComparer.Instance).ToList();
                return new AgentDocLibrary(
                    g.Key,
                    versions[0].Identity.Title,
                    versions.Select(i => new AgentDocLibraryVersion(i.Identity.Version, i.Identity.ContentHash!, i.Document.Operations.Count, i.Document.Workflows.Count)).ToList());
            })
            .ToList();
    }
}
