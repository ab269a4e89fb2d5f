using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Storage;
using SkillRt.Signing.Transparency;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// The read side of the log: its size, signed checkpoints, entries and proofs. Each root or proof is
/// O(log n) stored subtree hashes fetched in one query on the primary key, and at most 2·log₂ n SHA-256
/// computations; nothing rehashes the leaves. Nothing is cached: the checkpoint is signed per request
/// (an Ed25519 signature costs tens of microseconds), so every replica answers from the database as it is.
/// </summary>
internal sealed class TransparencyLogReader(RegistryDbContext database, LogSigningKey key)
{
    /// <summary>How many entries the log holds.</summary>
    public async Task<long> SizeAsync(CancellationToken cancellationToken) =>
        (await database.LogEntries.MaxAsync(e => (long?)e.LeafIndex, cancellationToken).ConfigureAwait(false) ?? -1) + 1;

    /// <summary>The signed checkpoint of the log as it is now.</summary>
    public async Task<(Checkpoint Checkpoint, string SignedNote)> CheckpointAsync(CancellationToken cancellationToken)
    {
        var size = await SizeAsync(cancellationToken).ConfigureAwait(false);
        var root = size == 0
            ? MerkleHash.EmptyRoot()
            : (await LogNodeStore.HashRangesAsync(database, [new MerkleRange(0, size)], cancellationToken).ConfigureAwait(false))[0];
        var checkpoint = new Checkpoint(key.Signer.Name, size, root);
        return (checkpoint, checkpoint.Sign(key.Signer));
    }

    /// <summary>The entries with leaf indexes <c>[start, end)</c>, in order.</summary>
    public Task<List<LogEntryRecord>> EntriesAsync(long start, long end, CancellationToken cancellationToken) =>
        database.LogEntries.AsNoTracking().Where(e => e.LeafIndex >= start && e.LeafIndex < end).OrderBy(e => e.LeafIndex).ToListAsync(cancellationToken);

    /// <summary>The latest entry recording <paramref name="id"/> at <paramref name="normalizedVersion"/>, or null.</summary>
    public Task<LogEntryRecord?> FindAsync(string id, string normalizedVersion, CancellationToken cancellationToken)
    {
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = normalizedVersion.ToLowerInvariant();
        return database.LogEntries.AsNoTracking()
            .Where(e => e.NormalizedId == lowerId && e.NormalizedVersion == lowerVersion)
            .OrderByDescending(e => e.LeafIndex)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The leaf hash stored for <paramref name="index"/>.</summary>
    public async Task<byte[]> LeafHashAsync(long index, CancellationToken cancellationToken) =>
        (await LogNodeStore.ReadAsync(database, [new MerkleSubtree(0, index)], cancellationToken).ConfigureAwait(false)).Values.Single();

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (both checked by the caller).</summary>
    public Task<List<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        LogNodeStore.HashRangesAsync(database, MerkleRanges.Inclusion(index, size), cancellationToken);

    /// <summary>The consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> leaves (both checked by the caller).</summary>
    public Task<List<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        LogNodeStore.HashRangesAsync(database, MerkleRanges.Consistency(oldSize, newSize), cancellationToken);

    /// <summary>The signing key's public half.</summary>
    public NoteVerifier Verifier => key.Signer.Verifier;
}
