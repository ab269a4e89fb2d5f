using System.Collections.Generic;

namespace SkillRt.Scanning.Archive;

/// <summary>The central directory of a package as read by <see cref="ZipReader"/>, and the bytes it points into.</summary>
internal sealed class ZipListing(byte[] package, IReadOnlyList<ZipEntryRecord> entries, int declaredEntryCount, long centralDirectoryOffset)
{
    public byte[] Package { get; } = package;

    /// <summary>The records read, in central-directory order; fewer than <see cref="DeclaredEntryCount"/> when the count was over the limit.</summary>
    public IReadOnlyList<ZipEntryRecord> Entries { get; } = entries;

    /// <summary>The entry count the end-of-central-directory record declares.</summary>
    public int DeclaredEntryCount { get; } = declaredEntryCount;

    public long CentralDirectoryOffset { get; } = centralDirectoryOffset;
}
