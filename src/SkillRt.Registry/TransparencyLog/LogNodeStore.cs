using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Storage;
using SkillRt.Signing.Transparency;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>Reads stored subtree hashes, all that one root or proof needs in one query on the key.</summary>
internal static class LogNodeStore
{
    /// <summary>The hashes of <paramref name="subtrees"/>.</summary>
    /// <exception cref="LogCorruptedException">A subtree the log should hold is missing or not 32 bytes.</exception>
    public static async Task<IReadOnlyDictionary<MerkleSubtree, byte[]>> ReadAsync(RegistryDbContext database, IEnumerable<MerkleSubtree> subtrees, CancellationToken cancellationToken)
    {
        var wanted = subtrees.Distinct().ToList();
        var found = new Dictionary<MerkleSubtree, byte[]>();
        if (wanted.Count == 0)
        {
            return found;
        }

        var ids = wanted.Select(s => LogNodeRecord.IdOf(s.Level, s.Index)).ToList();
        var rows = await database.LogNodes.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => new { n.Level, n.Index, n.Hash }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            found[new MerkleSubtree(row.Level, row.Index)] = row.Hash;
        }

        foreach (var subtree in wanted)
        {
            if (!found.TryGetValue(subtree, out var hash) || hash.Length != MerkleHash.Size)
            {
                throw new LogCorruptedException($"The transparency log's table registry_log_nodes has no valid hash for the subtree {subtree}; the log is damaged and needs an administrator.");
            }
        }

        return found;
    }

    /// <summary>The hashes of <paramref name="ranges"/>, from their subtrees, read in one query.</summary>
    public static async Task<List<byte[]>> HashRangesAsync(RegistryDbContext database, IReadOnlyList<MerkleRange> ranges, CancellationToken cancellationToken)
    {
        var subtrees = ranges.SelectMany(MerkleRanges.Subtrees).ToList();
        var hashes = await ReadAsync(database, subtrees, cancellationToken).ConfigureAwait(false);
        return [.. ranges.Select(range => MerkleRanges.Hash(range, subtree => hashes[subtree]))];
    }
}
