using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// Verifies inclusion and consistency proofs with the algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
/// Everything here may come from a hostile server: nothing throws, every failure says what did not hold.
/// </summary>
public static class MerkleProof
{
    // A proof of a tree of at most 2^63 leaves has at most 63 hashes (64 for consistency, with the old root).
    private const int MaxProofLength = 64;

    /// <summary>
    /// Whether <paramref name="proof"/> shows that the leaf with hash <paramref name="leafHash"/> is leaf
    /// <paramref name="index"/> of the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.
    /// </summary>
    public static ProofCheck VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root)
    {
        if (proof is null)
        {
            return ProofCheck.Invalid("the inclusion proof is missing.");
        }

        if (Malformed(leafHash, root, proof) is { } malformed)
        {
            return malformed;
        }

        if (index < 0 || size <= 0 || index >= size)
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"leaf {index} cannot be in a tree of {size} leaves."));
        }

        // RFC 9162 §2.1.3.2: fn walks up from the leaf, sn from the last leaf; where they meet the
        // remaining proof hashes are all on the left.
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return ProofCheck.Invalid(FormattableString.Invariant($"the inclusion proof has {proof.Count} hashes, more than a tree of {size} leaves needs for leaf {index}."));
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"the inclusion proof has {proof.Count} hashes, fewer than a tree of {size} leaves needs for leaf {index}."));
        }

        return CryptographicOperations.FixedTimeEquals(r, root)
            ? ProofCheck.Valid
            : ProofCheck.Invalid(FormattableString.Invariant($"the inclusion proof does not lead to the checkpoint's root: leaf {index} is not in the tree of {size} leaves the log signed."));
    }

    /// <summary>
    /// Whether <paramref name="proof"/> shows that the tree of <paramref name="oldSize"/> leaves with root
    /// <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> leaves with root
    /// <paramref name="newRoot"/>: the log only appended since, and rewrote nothing.
    /// </summary>
    public static ProofCheck VerifyConsistency(long oldSize, ReadOnlySpan<byte> oldRoot, long newSize, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]>? proof)
    {
        if (proof is null)
        {
            return ProofCheck.Invalid("the consistency proof is missing.");
        }

        if (Malformed(oldRoot, newRoot, proof) is { } malformed)
        {
            return malformed;
        }

        if (oldSize < 0 || newSize < oldSize)
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"the log shrank from {oldSize} to {newSize} leaves: it dropped entries it had signed."));
        }

        if (oldSize == newSize)
        {
            if (proof.Count != 0)
            {
                return ProofCheck.Invalid("a consistency proof between two trees of the same size must be empty.");
            }

            return CryptographicOperations.FixedTimeEquals(oldRoot, newRoot)
                ? ProofCheck.Valid
                : ProofCheck.Invalid(FormattableString.Invariant($"the log signed two different roots for the same size {newSize}: its history was rewritten."));
        }

        if (oldSize == 0)
        {
            // The empty tree is a prefix of every tree; RFC 9162 defines no proof for it.
            return proof.Count == 0 ? ProofCheck.Valid : ProofCheck.Invalid("a consistency proof from the empty tree must be empty.");
        }

        if (proof.Count == 0)
        {
            return ProofCheck.Invalid("the consistency proof is empty.");
        }

        // RFC 9162 §2.1.4.2.
        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Add(oldRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return ProofCheck.Invalid(FormattableString.Invariant($"the consistency proof from {oldSize} to {newSize} leaves has more hashes than it needs."));
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"the consistency proof from {oldSize} to {newSize} leaves has fewer hashes than it needs."));
        }

        if (!CryptographicOperations.FixedTimeEquals(fr, oldRoot))
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"the log's tree of {newSize} leaves does not extend the tree of {oldSize} leaves seen before: the first {oldSize} entries were changed (history rewritten)."));
        }

        return CryptographicOperations.FixedTimeEquals(sr, newRoot)
            ? ProofCheck.Valid
            : ProofCheck.Invalid(FormattableString.Invariant($"the consistency proof does not lead to the new checkpoint's root of {newSize} leaves."));
    }

    private static ProofCheck? Malformed(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, IReadOnlyList<byte[]> proof)
    {
        if (first.Length != MerkleHash.Size || second.Length != MerkleHash.Size)
        {
            return ProofCheck.Invalid($"a hash is not {MerkleHash.Size} bytes long.");
        }

        if (proof.Count > MaxProofLength)
        {
            return ProofCheck.Invalid(FormattableString.Invariant($"the proof has {proof.Count} hashes; no tree needs more than {MaxProofLength}."));
        }

        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is not { Length: MerkleHash.Size })
            {
                return ProofCheck.Invalid(FormattableString.Invariant($"hash {i} of the proof is not {MerkleHash.Size} bytes long."));
            }
        }

        return null;
    }
}
