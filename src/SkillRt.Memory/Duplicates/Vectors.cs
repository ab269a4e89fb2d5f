using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SkillRt.Memory.Duplicates;

/// <summary>Embeddings as stored (little-endian float32 BLOBs) and compared (cosine).</summary>
internal static class Vectors
{
    public static byte[] ToBlob(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] FromBlob(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<byte> bBlob)
    {
        var b = MemoryMarshal.Cast<byte, float>(bBlob);
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        // SIMD dot products: an exact search reads every candidate, so this loop is the search's cost.
        float dot = 0, normA = 0, normB = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            Vector<float> sumDot = default, sumA = default, sumB = default;
            for (var v = 0; v < va.Length; v++)
            {
                sumDot += va[v] * vb[v];
                sumA += va[v] * va[v];
                sumB += vb[v] * vb[v];
            }

            dot = Vector.Sum(sumDot);
            normA = Vector.Sum(sumA);
            normB = Vector.Sum(sumB);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
    }
}
