using System;
using System.Security.Cryptography;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// The hashing of RFC 6962 §2.1 and RFC 9162 §2.1.1: a leaf is SHA-256(0x00 ‖ data) and an interior
/// node SHA-256(0x01 ‖ left ‖ right). The distinct prefixes keep a leaf from being passed off as a node
/// (a second-preimage attack on the tree).
/// </summary>
public static class MerkleHash
{
    /// <summary>The length of every hash in the tree: 32 bytes (SHA-256).</summary>
    public const int Size = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The hash of a leaf holding <paramref name="data"/>.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>The hash of the interior node whose children are <paramref name="left"/> and <paramref name="right"/>.</summary>
    /// <exception cref="ArgumentException">A child is not <see cref="Size"/> bytes long.</exception>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"Merkle node children are {Size}-byte hashes, not {left.Length} and {right.Length} bytes.");
        }

        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }
}
