using System;
using System.Collections.Generic;
using System.Numerics;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// Which hashes an RFC 9162 proof is made of, as leaf ranges, and how to hash a range from stored
/// perfect subtrees. A log that keeps the hash of every perfect subtree (about two per leaf) answers
/// any proof with O(log n) lookups instead of rehashing its leaves: every range a proof needs starts on
/// a boundary of its own size, so it splits into at most log₂ n perfect subtrees.
/// </summary>
public static class MerkleRanges
{
    /// <summary>
    /// The ranges whose hashes make the inclusion proof of leaf <paramref name="index"/> in the tree of
    /// <paramref name="size"/> leaves (RFC 6962 §2.1.1's PATH), in proof order: the leaf's sibling first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a leaf of that tree.</exception>
    public static IReadOnlyList<MerkleRange> Inclusion(long index, long size)
    {
        if (size <= 0 || index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), FormattableString.Invariant($"Leaf {index} is not in a tree of {size} leaves."));
        }

        // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) or PATH(m-k, D[k:n]) : MTH(D[0:k]); walked from
        // the root down, so the ranges come out root-first and are reversed at the end.
        var ranges = new List<MerkleRange>();
        long low = 0, high = size;
        while (high - low > 1)
        {
            var split = low + LargestPowerOfTwoBelow(high - low);
            if (index < split)
            {
                ranges.Add(new MerkleRange(split, high));
                high = split;
            }
            else
            {
                ranges.Add(new MerkleRange(low, split));
                low = split;
            }
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>
    /// The ranges whose hashes make the consistency proof from the tree of <paramref name="oldSize"/>
    /// leaves to the tree of <paramref name="newSize"/> (RFC 6962 §2.1.2's PROOF), in proof order.
    /// Empty when the sizes are equal or the old tree is empty: there is nothing to prove.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are negative or the old one is larger.</exception>
    public static IReadOnlyList<MerkleRange> Consistency(long oldSize, long newSize)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), FormattableString.Invariant($"A tree of {oldSize} leaves is not a prefix of one of {newSize}."));
        }

        var ranges = new List<MerkleRange>();
        if (oldSize == 0 || oldSize == newSize)
        {
            return ranges;
        }

        // SUBPROOF(m, D[n], b): when the old tree is a whole subtree on the left edge (b still true), its
        // root is what the verifier holds already and is left out; otherwise it is the proof's first hash.
        long low = 0, high = newSize;
        var wholeOldTree = true;
        while (high != oldSize)
        {
            var split = low + LargestPowerOfTwoBelow(high - low);
            if (oldSize <= split)
            {
                ranges.Add(new MerkleRange(split, high));
                high = split;
            }
            else
            {
                ranges.Add(new MerkleRange(low, split));
                low = split;
                wholeOldTree = false;
            }
        }

        if (!wholeOldTree)
        {
            ranges.Add(new MerkleRange(low, high));
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>
    /// The perfect subtrees whose hashes give the hash of <paramref name="range"/>, left to right: the
    /// largest subtree first, then the largest that fits in the rest, and so on. The range must start on a
    /// boundary of the largest power of two below its size (every range of a proof and every tree prefix does).
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or not aligned that way.</exception>
    public static IReadOnlyList<MerkleSubtree> Subtrees(MerkleRange range)
    {
        if (range.Start < 0 || range.Size <= 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"The range {range} holds no leaves."), nameof(range));
        }

        var subtrees = new List<MerkleSubtree>();
        var start = range.Start;
        while (start < range.End)
        {
            var level = BitOperations.Log2((ulong)(range.End - start));
            if (start % (1L << level) != 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"The range {range} does not start on a boundary of its subtrees."), nameof(range));
            }

            subtrees.Add(new MerkleSubtree(level, start >> level));
            start += 1L << level;
        }

        return subtrees;
    }

    /// <summary>
    /// The hash of <paramref name="range"/> (MTH), from the hashes of its <see cref="Subtrees"/>: folded
    /// from the right, since MTH(D[a:b]) = H(MTH(D[a:a+k]), MTH(D[a+k:b])) with the left part a perfect subtree.
    /// </summary>
    /// <param name="range">The leaves.</param>
    /// <param name="subtreeHash">The stored hash of a perfect subtree.</param>
    public static byte[] Hash(MerkleRange range, Func<MerkleSubtree, byte[]> subtreeHash)
    {
        ArgumentNullException.ThrowIfNull(subtreeHash);
        var subtrees = Subtrees(range);
        var hash = subtreeHash(subtrees[^1]);
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(subtreeHash(subtrees[i]), hash);
        }

        return hash;
    }

    /// <summary>
    /// The stored subtrees that appending leaf <paramref name="index"/> needs: the left siblings of the
    /// subtrees it completes, lowest first (none when the index is even).
    /// </summary>
    public static IReadOnlyList<MerkleSubtree> SiblingsForAppend(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var siblings = new List<MerkleSubtree>();
        for (var level = 0; ((index >> level) & 1) == 1; level++)
        {
            siblings.Add(new MerkleSubtree(level, (index >> level) - 1));
        }

        return siblings;
    }

    /// <summary>
    /// The perfect subtrees that appending leaf <paramref name="index"/> completes, with their hashes:
    /// the leaf itself, then each parent whose right edge it is.
    /// </summary>
    /// <param name="index">The new leaf's index (the tree's size before the append).</param>
    /// <param name="leafHash">The new leaf's hash (<see cref="MerkleHash.Leaf"/>).</param>
    /// <param name="siblings">The hashes of <see cref="SiblingsForAppend"/>, in that order.</param>
    public static IReadOnlyList<(MerkleSubtree Subtree, byte[] Hash)> Append(long index, byte[] leafHash, IReadOnlyList<byte[]> siblings)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(siblings);
        var expected = SiblingsForAppend(index);
        if (siblings.Count != expected.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"Appending leaf {index} needs {expected.Count} sibling hashes, not {siblings.Count}."), nameof(siblings));
        }

        var completed = new List<(MerkleSubtree, byte[])>(expected.Count + 1);
        var subtree = new MerkleSubtree(0, index);
        var hash = leafHash;
        completed.Add((subtree, hash));
        for (var i = 0; i < siblings.Count; i++)
        {
            hash = MerkleHash.Node(siblings[i], hash);
            subtree = subtree.Parent;
            completed.Add((subtree, hash));
        }

        return completed;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): RFC 6962's k.</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
