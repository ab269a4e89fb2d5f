using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SkillRt.Cli.Tests.Install;

/// <summary>
/// Writes zip archives byte by byte, as an attacker would: entries whose headers say what the test
/// wants (a size that is a lie, a CRC never checked), and deflated entries that expand a thousandfold,
/// made in milliseconds by repeating one flushed deflate block instead of compressing a GiB.
/// </summary>
internal static class CraftedZip
{
    private const int Chunk = 1024 * 1024;

    private static readonly uint[] CrcTable = CreateCrcTable();

    /// <summary>A stored (uncompressed) entry, headers true.</summary>
    public static Entry Stored(string name, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        return Stored(name, data);
    }

    /// <summary>A stored (uncompressed) entry, headers true.</summary>
    public static Entry Stored(string name, byte[] data) => new(name, data, Deflated: false, DeclaredSize: data.Length, Crc: Crc32(data));

    /// <summary>
    /// A deflated entry of <paramref name="size"/> zero bytes (a multiple of 1 MiB) that takes about a
    /// thousandth of that in the archive; its header claims <paramref name="declaredSize"/> bytes.
    /// </summary>
    public static Entry Bomb(string name, long size, long declaredSize)
    {
        // One MiB of zeros, deflated and sync-flushed: whole, byte-aligned, non-final blocks, which can be
        // repeated back to back; an empty final block ends the stream.
        byte[] block;
        using (var compressed = new MemoryStream())
        {
            var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
            deflate.Write(new byte[Chunk]);
            deflate.Flush();
            block = compressed.ToArray();
        }

        var data = new MemoryStream();
        for (long written = 0; written < size; written += Chunk)
        {
            data.Write(block);
        }

        data.Write([0x03, 0x00]);
        return new Entry(name, data.ToArray(), Deflated: true, DeclaredSize: declaredSize, Crc: 0);
    }

    /// <summary>Writes the archive: local headers and data, the central directory, its end record.</summary>
    public static void Write(string path, params Entry[] entries)
    {
        using var file = new FileStream(path, FileMode.CreateNew);
        using var writer = new BinaryWriter(file);
        var offsets = new List<uint>();
        foreach (var entry in entries)
        {
            offsets.Add((uint)file.Position);
            writer.Write(0x04034b50u);
            Common(writer, entry);
            writer.Write((ushort)0); // extra field length
            writer.Write(Encoding.UTF8.GetBytes(entry.Name));
            writer.Write(entry.Data);
        }

        var directory = (uint)file.Position;
        for (var i = 0; i < entries.Length; i++)
        {
            writer.Write(0x02014b50u);
            writer.Write((ushort)20); // version made by
            Common(writer, entries[i]);
            writer.Write((ushort)0); // extra field length
            writer.Write((ushort)0); // comment length
            writer.Write((ushort)0); // disk number
            writer.Write((ushort)0); // internal attributes
            writer.Write(0u); // external attributes
            writer.Write(offsets[i]);
            writer.Write(Encoding.UTF8.GetBytes(entries[i].Name));
        }

        var directorySize = (uint)file.Position - directory;
        writer.Write(0x06054b50u);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)entries.Length);
        writer.Write((ushort)entries.Length);
        writer.Write(directorySize);
        writer.Write(directory);
        writer.Write((ushort)0);
    }

    // The fields the local header and the central directory share, from "version needed" to "name length".
    private static void Common(BinaryWriter writer, Entry entry)
    {
        writer.Write((ushort)20); // version needed
        writer.Write((ushort)0x0800); // flags: UTF-8 names
        writer.Write((ushort)(entry.Deflated ? 8 : 0));
        writer.Write((ushort)0); // time
        writer.Write((ushort)0x21); // date: 1980-01-01
        writer.Write(entry.Crc);
        writer.Write((uint)entry.Data.Length);
        writer.Write(checked((uint)entry.DeclaredSize));
        writer.Write((ushort)Encoding.UTF8.GetByteCount(entry.Name));
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    /// <summary>One entry: its name, its bytes as stored, and what its headers claim.</summary>
    internal sealed record Entry(string Name, byte[] Data, bool Deflated, long DeclaredSize, uint Crc);
}
