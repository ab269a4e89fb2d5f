using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace SkillRt.Signing.Tests.Transparency;

/// <summary>
/// RFC 6962 §2.1 written out as its recursive definitions, over the leaf data, with nothing shared with
/// the library but SHA-256: MTH, PATH and PROOF/SUBPROOF exactly as the RFC states them. Slow and obvious,
/// so the library's stored-subtree arithmetic and RFC 9162 verification can be checked against it.
/// </summary>
internal static class ReferenceMerkle
{
    public static byte[] Mth(IReadOnlyList<byte[]> data)
    {
        if (data.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (data.Count == 1)
        {
            return SHA256.HashData([0x00, .. data[0]]);
        }

        var k = K(data.Count);
        return SHA256.HashData([0x01, .. Mth(Slice(data, 0, k)), .. Mth(Slice(data, k, data.Count))]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> data)
    {
        if (data.Count == 1)
        {
            return [];
        }

        var k = K(data.Count);
        return m < k
            ? [.. Path(m, Slice(data, 0, k)), Mth(Slice(data, k, data.Count))]
            : [.. Path(m - k, Slice(data, k, data.Count)), Mth(Slice(data, 0, k))];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> data) => SubProof(m, data, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> data, bool b)
    {
        var n = data.Count;
        if (m == n)
        {
            return b ? [] : [Mth(data)];
        }

        var k = K(n);
        return m <= k
            ? [.. SubProof(m, Slice(data, 0, k), b), Mth(Slice(data, k, n))]
            : [.. SubProof(m - k, Slice(data, k, n), false), Mth(Slice(data, 0, k))];
    }

    // The largest power of two smaller than n.
    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> data, int start, int end) => [.. data.Skip(start).Take(end - start)];
}
