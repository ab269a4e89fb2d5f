using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// An append-only Merkle tree held in memory: the hash of every perfect subtree, kept as leaves
/// arrive, so roots and proofs for any size up to <see cref="Size"/> cost O(log n) hashes. A log
/// stored elsewhere does the same with <see cref="MerkleRanges"/> over its own table.
/// </summary>
public sealed class MerkleTree
{
    // _levels[l][i] is the hash of the perfect subtree of level l and index i.
    private readonly List<List<byte[]>> _levels = [[]];

    /// <summary>How many leaves the tree holds.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends a leaf holding <paramref name="data"/>; returns its index.</summary>
    public long AppendData(ReadOnlySpan<byte> data) => AppendLeafHash(MerkleHash.Leaf(data));

    /// <summary>Appends a leaf by its hash (<see cref="MerkleHash.Leaf"/>); returns its index.</summary>
    public long AppendLeafHash(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHash.Size} bytes long.", nameof(leafHash));
        }

        var index = Size;
        var siblings = MerkleRanges.SiblingsForAppend(index).Select(SubtreeHash).ToList();
        foreach (var (subtree, hash) in MerkleRanges.Append(index, leafHash, siblings))
        {
            if (_levels.Count == subtree.Level)
            {
                _levels.Add([]);
            }

            _levels[subtree.Level].Add(hash);
        }

        return index;
    }

    /// <summary>The root of the tree of its first <paramref name="size"/> leaves (the empty root for 0).</summary>
    public byte[] Root(long size)
    {
        CheckSize(size);
        return size == 0 ? MerkleHash.EmptyRoot() : MerkleRanges.Hash(new MerkleRange(0, size), SubtreeHash);
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of its first <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size);
        return [.. MerkleRanges.Inclusion(index, size).Select(range => MerkleRanges.Hash(range, SubtreeHash))];
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/>.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        CheckSize(newSize);
        return [.. MerkleRanges.Consistency(oldSize, newSize).Select(range => MerkleRanges.Hash(range, SubtreeHash))];
    }

    /// <summary>The stored hash of a perfect subtree the tree holds whole.</summary>
    public byte[] SubtreeHash(MerkleSubtree subtree)
    {
        if (subtree.Level >= _levels.Count || subtree.Index < 0 || subtree.Index >= _levels[subtree.Level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(subtree), $"The tree of {Size} leaves does not hold the whole subtree {subtree}.");
        }

        return _levels[subtree.Level][(int)subtree.Index];
    }

    private void CheckSize(long size)
    {
        if (size < 0 || size > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), FormattableString.Invariant($"The tree holds {Size} leaves, not {size}."));
        }
    }
}
