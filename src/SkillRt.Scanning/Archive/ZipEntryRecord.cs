namespace SkillRt.Scanning.Archive;

/// <summary>One central-directory record of a ZIP archive, as written, before anything is trusted.</summary>
internal sealed class ZipEntryRecord
{
    public int Index { get; init; }

    /// <summary>The name, decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    public string Name { get; init; } = string.Empty;

    public byte[] NameBytes { get; init; } = [];

    /// <summary>The name in the entry's local header, or <see langword="null"/> when the header could not be read.</summary>
    public byte[]? LocalNameBytes { get; set; }

    public int VersionMadeBy { get; init; }

    public int Flags { get; init; }

    public int Method { get; init; }

    public long CompressedSize { get; init; }

    public long UncompressedSize { get; init; }

    public uint ExternalAttributes { get; init; }

    public long LocalHeaderOffset { get; init; }

    /// <summary>Where the entry's data starts, once its local header was read; -1 before.</summary>
    public long DataOffset { get; set; } = -1;

    public bool IsDirectory => Name.EndsWith("/", System.StringComparison.Ordinal) && UncompressedSize == 0;

    /// <summary>General-purpose flag bit 0 (traditional or AES encryption), or the strong-encryption bit 6.</summary>
    public bool IsEncrypted => (Flags & 0x41) != 0;

    /// <summary>Made on Unix (host 3) or macOS (host 19) with the file-type bits of a symbolic link (0xA000) in the external attributes.</summary>
    public bool IsSymbolicLink => (VersionMadeBy >> 8) is 3 or 19 && ((ExternalAttributes >> 16) & 0xF000) == 0xA000;
}
