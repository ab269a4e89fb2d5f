using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using SkillRt.Scanning.Engine;
using SkillRt.Scanning.Rules.Archive;

namespace SkillRt.Scanning.Archive;

/// <summary>
/// Reads a ZIP archive's central directory by hand, with a bounds check on every field, before any
/// entry is trusted: <see cref="System.IO.Compression.ZipArchive"/> would read every record of a
/// million-entry directory, keeps only one of two duplicate names' data reachable by name, and ignores
/// the local headers that other unzippers use. Anything this reader cannot account for is reported as
/// SKILLSEC0612 rather than skipped, because what the scanner cannot read it cannot clear.
/// </summary>
internal static class ZipReader
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static ZipListing? Read(byte[] package, ScanContext context)
    {
        var malformed = MalformedArchiveRule.Descriptor;
        var end = FindEndOfCentralDirectory(package);
        if (end < 0)
        {
            context.Report(malformed, "The package is not a ZIP archive (no end-of-central-directory record)", string.Empty, fix: "Pack the skill with `dotnet pack` or `skill pack`; a .nupkg is a ZIP archive");
            return null;
        }

        var disk = U16(package, end + 4);
        var cdDisk = U16(package, end + 6);
        var entriesOnDisk = U16(package, end + 8);
        var entryCount = U16(package, end + 10);
        var cdSize = U32(package, end + 12);
        var cdOffset = U32(package, end + 16);
        if (entryCount == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF || (end >= 20 && U32(package, end - 20) == Zip64LocatorSignature))
        {
            context.Report(malformed, "The package uses the ZIP64 format, which a skill package never needs; its contents were not inspected", string.Empty, fix: "Pack the skill with `dotnet pack`; keep a skill package well under 4 GB and 65,535 files");
            return null;
        }

        if (disk != 0 || cdDisk != 0 || entriesOnDisk != entryCount)
        {
            context.Report(malformed, "The package is a multi-part (spanned) ZIP archive; its contents were not inspected", string.Empty, fix: "Pack the skill into one .nupkg with `dotnet pack`");
            return null;
        }

        if (cdOffset + (long)cdSize > end)
        {
            context.Report(malformed, "The package's central directory points outside the file (truncated or tampered archive); its contents were not inspected", string.Empty, fix: "Pack the skill again with `dotnet pack`; upload the whole file");
            return null;
        }

        var commentLength = U16(package, end + 20);
        if (end + 22 + commentLength != package.Length)
        {
            context.Report(malformed, "The package has bytes after its end-of-central-directory record; different unzippers may see different files", string.Empty, fix: "Upload the .nupkg exactly as `dotnet pack` wrote it");
        }

        var limit = Math.Min(entryCount, context.Options.MaxFiles + 1);
        var entries = new List<ZipEntryRecord>(Math.Min(limit, 4096));
        var position = cdOffset;
        for (var i = 0; i < limit; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (position + 46L > cdOffset + (long)cdSize || U32(package, position) != CentralHeaderSignature)
            {
                context.Report(malformed, string.Format(CultureInfo.InvariantCulture, "The package's central directory declares {0} entries but record {1} is missing or damaged; its contents were not all inspected", entryCount, i + 1), string.Empty, fix: "Pack the skill again with `dotnet pack`");
                break;
            }

            var nameLength = U16(package, position + 28);
            var extraLength = U16(package, position + 30);
            var entryCommentLength = U16(package, position + 32);
            var recordEnd = position + 46L + nameLength + extraLength + entryCommentLength;
            if (recordEnd > cdOffset + (long)cdSize)
            {
                context.Report(malformed, string.Format(CultureInfo.InvariantCulture, "Central-directory record {0} runs past the end of the directory; its contents were not all inspected", i + 1), string.Empty, fix: "Pack the skill again with `dotnet pack`");
                break;
            }

            var nameBytes = new byte[nameLength];
            Buffer.BlockCopy(package, (int)position + 46, nameBytes, 0, nameLength);
            entries.Add(new ZipEntryRecord
            {
                Index = i,
                NameBytes = nameBytes,
                Name = StrictUtf8.GetString(nameBytes),
                VersionMadeBy = U16(package, position + 4),
                Flags = U16(package, position + 8),
                Method = U16(package, position + 10),
                CompressedSize = U32(package, position + 20),
                UncompressedSize = U32(package, position + 24),
                ExternalAttributes = U32(package, position + 38),
                LocalHeaderOffset = U32(package, position + 42),
            });
            position = (uint)recordEnd;
        }

        foreach (var entry in entries)
        {
            ReadLocalHeader(package, entry, cdOffset, context);
        }

        return new ZipListing(package, entries, entryCount, cdOffset);
    }

    /// <summary>
    /// Unpacks at most <paramref name="maxBytes"/> of an entry (plus one byte, to tell that there is more).
    /// Returns <see langword="null"/> with a reason when the entry cannot be read.
    /// </summary>
    public static byte[]? Extract(ZipListing listing, ZipEntryRecord entry, int maxBytes, out long length, out string? problem)
    {
        length = 0;
        problem = null;
        if (entry.DataOffset < 0)
        {
            problem = "its local header is missing or damaged";
            return null;
        }

        if (entry.IsEncrypted)
        {
            problem = "it is encrypted";
            return null;
        }

        var available = listing.CentralDirectoryOffset - entry.DataOffset;
        if (entry.CompressedSize > available)
        {
            problem = "its data runs past the end of the archive";
            return null;
        }

        try
        {
            using var raw = new MemoryStream(listing.Package, (int)entry.DataOffset, (int)entry.CompressedSize, writable: false);
            using Stream data = entry.Method switch
            {
                0 => raw,
                8 => new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: true),
                _ => throw new NotSupportedException(),
            };

            var buffer = new byte[(int)Math.Min((long)maxBytes + 1, Math.Max(entry.UncompressedSize + 1, 1))];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = data.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            // One byte past the declared size means the header lies about how much this entry holds.
            if (read > entry.UncompressedSize)
            {
                problem = "it unpacks to more bytes than its header declares";
                length = read;
                return null;
            }

            length = read > maxBytes ? entry.UncompressedSize : read;
            if (read > maxBytes)
            {
                read = maxBytes;
            }

            var content = new byte[read];
            Buffer.BlockCopy(buffer, 0, content, 0, read);
            return content;
        }
        catch (NotSupportedException)
        {
            problem = string.Format(CultureInfo.InvariantCulture, "it uses compression method {0} (only stored and deflate are read)", entry.Method);
            return null;
        }
        catch (InvalidDataException)
        {
            problem = "its compressed data is corrupt";
            return null;
        }
    }

    private static void ReadLocalHeader(byte[] package, ZipEntryRecord entry, long centralDirectoryOffset, ScanContext context)
    {
        var offset = entry.LocalHeaderOffset;
        if (offset + 30 > centralDirectoryOffset || U32(package, offset) != LocalHeaderSignature)
        {
            context.Report(MalformedArchiveRule.Descriptor, "The entry's local header is missing or points outside the archive; it was not inspected", Paths.Safe(entry.Name), fix: "Pack the skill again with `dotnet pack`");
            return;
        }

        var nameLength = U16(package, offset + 26);
        var extraLength = U16(package, offset + 28);
        var dataOffset = offset + 30 + nameLength + extraLength;
        if (dataOffset > centralDirectoryOffset)
        {
            context.Report(MalformedArchiveRule.Descriptor, "The entry's local header runs into the central directory; it was not inspected", Paths.Safe(entry.Name), fix: "Pack the skill again with `dotnet pack`");
            return;
        }

        var localName = new byte[nameLength];
        Buffer.BlockCopy(package, (int)offset + 30, localName, 0, nameLength);
        entry.LocalNameBytes = localName;
        entry.DataOffset = dataOffset;
    }

    private static int FindEndOfCentralDirectory(byte[] package)
    {
        // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
        var lowest = Math.Max(0, package.Length - 22 - 0xFFFF);
        for (var i = package.Length - 22; i >= lowest; i--)
        {
            if (U32(package, i) == EndOfCentralDirectorySignature)
            {
                return i;
            }
        }

        return -1;
    }

    private static int U16(byte[] data, long offset) => offset < 0 || offset + 2 > data.Length ? 0 : data[offset] | data[offset + 1] << 8;

    private static uint U32(byte[] data, long offset) =>
        offset < 0 || offset + 4 > data.Length ? 0 : (uint)(data[offset] | data[offset + 1] << 8 | data[offset + 2] << 16 | data[offset + 3] << 24);
}
