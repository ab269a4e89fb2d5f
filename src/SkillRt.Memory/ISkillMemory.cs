using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Memory;

/// <summary>
/// Shared memory for skills and agents (spec/MEMORY-SPEC.md): typed memories in hierarchical
/// namespaces that can be found by tag, kind, key, value, text, meaning and time; written without
/// duplicates and without lost updates; superseded rather than overwritten; archived when unused.
/// </summary>
/// <remarks>
/// Every method validates its input and reports bad input as a <see cref="MemoryException"/> with a
/// stable <see cref="MemoryException.Code"/>; nothing is written when a method throws. Implementations
/// are safe to call from many threads and, for the SQLite store, from many processes at once.
/// </remarks>
public interface ISkillMemory
{
    /// <summary>Finds live memories (archived ones too when asked) matching every criterion of the query, one page at a time.</summary>
    /// <param name="query">What to find; <see cref="MemoryQuery.Namespaces"/> is required.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>A page of hits, best first, and a cursor for the next page when there is one.</returns>
    /// <exception cref="MemoryException">The query is invalid (MEM0001, MEM0007, MEM0008, MEM0012) or the store failed (MEM0013).</exception>
    Task<MemoryPage> FindAsync(MemoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a memory. A key (or an id) makes the write deterministic: the memory with that key is
    /// left as is, updated in place or superseded, never copied. Without one, an exact duplicate is
    /// merged into the existing memory and near duplicates are handled by the duplicate policy.
    /// </summary>
    /// <param name="write">The memory to write.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write leaves nothing behind.</param>
    /// <returns>What happened, the memory as stored and any duplicates found.</returns>
    /// <exception cref="MemoryException">The write is invalid (schema, size, kind, namespace, tags, key), its expected version is stale (MEM0009), or its id is unknown (MEM0010).</exception>
    Task<UpsertResult> UpsertAsync(MemoryWrite write, CancellationToken cancellationToken = default);

    /// <summary>Reads one memory, live or archived, and records the read (its last-read time).</summary>
    /// <param name="memoryNamespace">The memory's namespace; a memory of another namespace is not found.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The memory, or null when no memory has that id in that namespace.</returns>
    Task<MemoryRecord?> GetAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a memory and its history for good; unlike archiving, it cannot be restored.</summary>
    /// <param name="memoryNamespace">The memory's namespace.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether a memory was deleted.</returns>
    Task<bool> ForgetAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default);

    /// <summary>Every revision of a memory, newest first: the current one, then each superseded one with its validity interval.</summary>
    /// <param name="memoryNamespace">The memory's namespace.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The revisions; empty when no memory has that id in that namespace.</returns>
    Task<IReadOnlyList<MemoryRecord>> HistoryAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default);

    /// <summary>Archives the live memories neither written nor read for at least <see cref="DecayRequest.OlderThan"/>, or only lists them on a dry run.</summary>
    /// <param name="request">Which namespaces, how old, and whether to change anything.</param>
    /// <param name="cancellationToken">Cancels the run; a cancelled run archives nothing.</param>
    /// <returns>The memories archived (or that would be).</returns>
    Task<DecayReport> DecayAsync(DecayRequest request, CancellationToken cancellationToken = default);

    /// <summary>Brings an archived memory back to life, as it was when archived.</summary>
    /// <param name="memoryNamespace">The memory's namespace.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>The live memory (unchanged when it was live already).</returns>
    /// <exception cref="MemoryException">No memory has that id in that namespace (MEM0010).</exception>
    Task<MemoryRecord> RestoreAsync(string memoryNamespace, string id, CancellationToken cancellationToken = default);
}
