using System;
using System.Buffers.Binary;
using System.Globalization;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// The 8-byte key number minisign stores in every key and signature. It is written in text the way
/// minisign prints it: the bytes read as a little-endian 64-bit number, in 16 upper-case hex digits
/// (<c>minisign public key 45D0EF3B3F3DD5E5</c>).
/// </summary>
public readonly record struct MinisignKeyId
{
    /// <summary>Creates a key id from its numeric value.</summary>
    /// <param name="value">The key number, as minisign prints it.</param>
    public MinisignKeyId(ulong value) => Value = value;

    /// <summary>The key number as minisign prints it (the stored bytes read little-endian).</summary>
    public ulong Value { get; }

    /// <summary>Reads a key id from the 8 bytes stored in a key or signature.</summary>
    internal static MinisignKeyId FromBytes(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt64LittleEndian(bytes));

    /// <summary>Writes the 8 stored bytes.</summary>
    internal void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Value);

    /// <summary>
    /// Reads a key id written as 16 hex digits (either case), as minisign prints it. Returns false for
    /// anything else.
    /// </summary>
    /// <param name="text">The hex text.</param>
    /// <param name="keyId">The key id when the text is well formed.</param>
    public static bool TryParse(string? text, out MinisignKeyId keyId)
    {
        keyId = default;
        if (text is null || text.Length != 16 ||
            !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        keyId = new MinisignKeyId(value);
        return true;
    }

    /// <summary>The 16 upper-case hex digits minisign prints.</summary>
    public override string ToString() => Value.ToString("X16", CultureInfo.InvariantCulture);
}
