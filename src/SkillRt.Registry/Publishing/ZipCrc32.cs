using System;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// The CRC-32 zip records for each entry (IEEE 802.3, reflected, polynomial 0xEDB88320). System.IO.Compression
/// stops reading an entry at the size its header claims and does not check the CRC, so a header that
/// understates an entry's size would show the inspector less than other unzip tools unpack; comparing the
/// CRC of what was read with the recorded one catches it.
/// </summary>
internal static class ZipCrc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>Continues <paramref name="crc"/> (start with 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
