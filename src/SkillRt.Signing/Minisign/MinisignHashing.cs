using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NSec.Cryptography;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// The hashes minisign uses, all unkeyed BLAKE2b (libsodium's <c>crypto_generichash</c>): 512 bits of the
/// file for an <c>ED</c> signature, 256 bits for a secret key's checksum. The NSec type is named in
/// full because <c>HashAlgorithm</c> also exists in System.Security.Cryptography.
/// </summary>
internal static class MinisignHashing
{
    private const int ChunkSize = 64 * 1024;

    public static byte[] Blake2b512(ReadOnlySpan<byte> content) => NSec.Cryptography.HashAlgorithm.Blake2b_512.Hash(content);

    public static byte[] Blake2b256(ReadOnlySpan<byte> content) => NSec.Cryptography.HashAlgorithm.Blake2b_256.Hash(content);

    /// <summary>BLAKE2b-512 of a stream read in chunks, so a large file is never held in memory.</summary>
    public static async Task<byte[]> Blake2b512Async(Stream content, CancellationToken cancellationToken)
    {
        IncrementalHash.Initialize(NSec.Cryptography.HashAlgorithm.Blake2b_512, out var state);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                IncrementalHash.Update(ref state, buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return IncrementalHash.Finalize(ref state);
    }

    /// <summary>The whole stream, for a legacy (unhashed) signature, which signs the bytes themselves.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        await content.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }
}
