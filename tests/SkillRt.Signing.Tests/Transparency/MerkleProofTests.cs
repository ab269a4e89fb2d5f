using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SkillRt.Signing.Transparency;
using Xunit;

namespace SkillRt.Signing.Tests.Transparency;

public sealed class MerkleProofTests
{
    // Every size up to here is checked exhaustively (all leaves, all prefixes): it covers every shape of
    // the right edge up to six levels deep.
    private const int ExhaustiveSize = 70;

    [Fact]
    public void Hashes_use_the_RFC_6962_domain_prefixes()
    {
        var data = Encoding.UTF8.GetBytes("entry");
        Assert.Equal(SHA256.HashData([0x00, .. data]), MerkleHash.Leaf(data));
        var left = SHA256.HashData("l"u8);
        var right = SHA256.HashData("r"u8);
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
        Assert.Equal(SHA256.HashData([]), MerkleHash.EmptyRoot());
    }

    [Fact]
    public void A_three_leaf_root_is_the_hash_of_the_first_pair_and_the_third_leaf()
    {
        var tree = new MerkleTree();
        tree.AppendData("a"u8);
        tree.AppendData("b"u8);
        tree.AppendData("c"u8);
        var a = SHA256.HashData([0x00, .. "a"u8]);
        var b = SHA256.HashData([0x00, .. "b"u8]);
        var c = SHA256.HashData([0x00, .. "c"u8]);
        var ab = SHA256.HashData([0x01, .. a, .. b]);
        Assert.Equal(SHA256.HashData([0x01, .. ab, .. c]), tree.Root(3));
        Assert.Equal(ab, tree.Root(2));
        Assert.Equal(a, tree.Root(1));
    }

    [Fact]
    public void Roots_match_the_recursive_definition_for_every_size()
    {
        var (tree, data) = Build(300);
        for (var size = 0; size <= 300; size++)
        {
            Assert.Equal(ReferenceMerkle.Mth(data.Take(size).ToList()), tree.Root(size));
        }
    }

    [Fact]
    public void Inclusion_proofs_match_PATH_and_verify_for_every_leaf_and_size()
    {
        var (tree, data) = Build(ExhaustiveSize);
        for (var size = 1; size <= ExhaustiveSize; size++)
        {
            var prefix = data.Take(size).ToList();
            var root = ReferenceMerkle.Mth(prefix);
            for (var index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.Equal(ReferenceMerkle.Path(index, prefix), proof);
                var leaf = MerkleHash.Leaf(data[index]);
                Assert.True(MerkleProof.VerifyInclusion(leaf, index, size, proof, root).IsValid, $"leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void Inclusion_verification_fails_for_every_wrong_detail()
    {
        var (tree, data) = Build(ExhaustiveSize);
        for (var size = 1; size <= ExhaustiveSize; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var leaf = MerkleHash.Leaf(data[index]);
                var proof = tree.InclusionProof(index, size);
                foreach (var (what, mutated) in Mutations(proof))
                {
                    Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, mutated, root).IsValid, $"{what}: leaf {index} of {size}");
                }

                Assert.False(MerkleProof.VerifyInclusion(MerkleHash.Leaf([.. data[index], 1]), index, size, proof, root).IsValid);
                if (size > 1)
                {
                    Assert.False(MerkleProof.VerifyInclusion(leaf, (index + 1) % size, size, proof, root).IsValid, $"wrong index: leaf {index} of {size}");
                }

                if (index < size - 1)
                {
                    Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, proof, tree.Root(size - 1)).IsValid, $"another root: leaf {index} of {size}");
                }
            }
        }
    }

    [Fact]
    public void Consistency_proofs_match_PROOF_and_verify_for_every_pair_of_sizes()
    {
        var (tree, data) = Build(ExhaustiveSize);
        for (var newSize = 1; newSize <= ExhaustiveSize; newSize++)
        {
            var prefix = data.Take(newSize).ToList();
            var newRoot = ReferenceMerkle.Mth(prefix);
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var proof = tree.ConsistencyProof(oldSize, newSize);
                Assert.Equal(ReferenceMerkle.Proof(oldSize, prefix), proof);
                var oldRoot = ReferenceMerkle.Mth(data.Take(oldSize).ToList());
                Assert.True(MerkleProof.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, proof).IsValid, $"{oldSize} → {newSize}");
            }
        }
    }

    [Fact]
    public void Consistency_verification_fails_for_every_wrong_detail()
    {
        var (tree, _) = Build(ExhaustiveSize);
        for (var newSize = 2; newSize <= ExhaustiveSize; newSize++)
        {
            var newRoot = tree.Root(newSize);
            for (var oldSize = 1; oldSize < newSize; oldSize++)
            {
                var oldRoot = tree.Root(oldSize);
                var proof = tree.ConsistencyProof(oldSize, newSize);
                foreach (var (what, mutated) in Mutations(proof))
                {
                    Assert.False(MerkleProof.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, mutated).IsValid, $"{what}: {oldSize} → {newSize}");
                }

                Assert.False(MerkleProof.VerifyConsistency(oldSize, Flip(oldRoot, 0), newSize, newRoot, proof).IsValid);
                Assert.False(MerkleProof.VerifyConsistency(oldSize, oldRoot, newSize, Flip(newRoot, 31), proof).IsValid);
                Assert.False(MerkleProof.VerifyConsistency(newSize, newRoot, oldSize, oldRoot, proof).IsValid, "a shrinking log");
            }
        }
    }

    [Fact]
    public void A_rewritten_history_is_not_consistent_with_the_tree_seen_before()
    {
        // The log held 20 entries; it rewrites entry 7 and appends 13 more, with correct proofs of its new tree.
        var (honest, data) = Build(20);
        var rewritten = new MerkleTree();
        for (var i = 0; i < 33; i++)
        {
            rewritten.AppendData(i == 7 ? "forged"u8 : i < 20 ? data[i] : Encoding.UTF8.GetBytes($"later {i}"));
        }

        var check = MerkleProof.VerifyConsistency(20, honest.Root(20), 33, rewritten.Root(33), rewritten.ConsistencyProof(20, 33));
        Assert.False(check.IsValid);
        Assert.Contains("rewritten", check.Problem, StringComparison.Ordinal);

        var sameSize = MerkleProof.VerifyConsistency(20, honest.Root(20), 20, rewritten.Root(20), []);
        Assert.False(sameSize.IsValid);
        Assert.Contains("two different roots", sameSize.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_trees_agree_with_proofs_computed_at_random_points()
    {
        var (tree, data) = Build(5000);
        var random = new Random(6962);
        for (var round = 0; round < 300; round++)
        {
            var newSize = random.Next(1, 5001);
            var oldSize = random.Next(1, newSize + 1);
            var index = random.Next(0, newSize);
            Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(data[index]), index, newSize, tree.InclusionProof(index, newSize), tree.Root(newSize)).IsValid);
            Assert.True(MerkleProof.VerifyConsistency(oldSize, tree.Root(oldSize), newSize, tree.Root(newSize), tree.ConsistencyProof(oldSize, newSize)).IsValid);
        }

        Assert.Equal(ReferenceMerkle.Mth(data), tree.Root(5000));
    }

    [Fact]
    public void Malformed_proofs_fail_without_throwing()
    {
        var hash = new byte[32];
        Assert.False(MerkleProof.VerifyInclusion(hash, 0, 1, null, hash).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(hash, -1, 1, [], hash).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(hash, 0, 0, [], hash).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(hash, 0, 2, [new byte[31]], hash).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(new byte[3], 0, 1, [], hash).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(hash, 0, long.MaxValue, [.. Enumerable.Repeat(hash, 65)], hash).IsValid);
        Assert.False(MerkleProof.VerifyConsistency(1, hash, 2, hash, null).IsValid);
        Assert.False(MerkleProof.VerifyConsistency(1, hash, 2, hash, []).IsValid);
        Assert.False(MerkleProof.VerifyConsistency(-1, hash, 2, hash, []).IsValid);
        Assert.False(MerkleProof.VerifyConsistency(3, hash, long.MaxValue, hash, [hash, null!]).IsValid);
        Assert.True(MerkleProof.VerifyConsistency(0, hash, 5, hash, []).IsValid);
    }

    private static IEnumerable<(string What, List<byte[]> Proof)> Mutations(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            yield return ($"hash {i} flipped", [.. proof.Select((h, j) => j == i ? Flip(h, i % 32) : h)]);
        }

        if (proof.Count > 0)
        {
            yield return ("last hash dropped", [.. proof.Take(proof.Count - 1)]);
            yield return ("first hash dropped", [.. proof.Skip(1)]);
        }

        yield return ("a hash appended", [.. proof, new byte[32]]);
        if (proof.Count > 1)
        {
            yield return ("two hashes swapped", [proof[1], proof[0], .. proof.Skip(2)]);
        }
    }

    private static byte[] Flip(byte[] hash, int at)
    {
        var copy = (byte[])hash.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static (MerkleTree Tree, List<byte[]> Data) Build(int size)
    {
        var tree = new MerkleTree();
        var data = new List<byte[]>();
        for (var i = 0; i < size; i++)
        {
            data.Add(Encoding.UTF8.GetBytes($"leaf {i}"));
            Assert.Equal(i, tree.AppendData(data[i]));
        }

        return (tree, data);
    }
}
