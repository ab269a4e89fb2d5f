using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0607: a decompression bomb: an entry that claims to unpack to far more than it packs
/// (ratio over <see cref="ScanOptions.MaxCompressionRatio"/> for more than 1 MiB), entries that
/// together claim more than <see cref="ScanOptions.MaxTotalBytes"/>, or entries whose compressed data
/// overlap (the "better zip bomb", which reuses one compressed block for many files). The scanner
/// never unpacks more than its limits, whatever the headers say.
/// </summary>
internal sealed class ZipBombRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0607",
        ScanSeverity.High,
        "Decompression bomb",
        "Remove the entry; a skill has no reason to ship data that compresses hundreds of times");

    private const long MinimumBombBytes = 1024 * 1024;

    public void Check(ZipListing listing, ScanContext context)
    {
        long total = 0;
        foreach (var entry in listing.Entries)
        {
            total += entry.UncompressedSize;
            var ratio = entry.UncompressedSize / (double)System.Math.Max(1, entry.CompressedSize);
            if (entry.UncompressedSize >= MinimumBombBytes && ratio > context.Options.MaxCompressionRatio)
            {
                context.Report(Descriptor, string.Format(CultureInfo.InvariantCulture, "The entry unpacks {0:N0} bytes from {1:N0} (ratio {2:N0}:1, over the limit of {3}:1)", entry.UncompressedSize, entry.CompressedSize, ratio, context.Options.MaxCompressionRatio), Paths.Safe(entry.Name));
            }
        }

        if (total > context.Options.MaxTotalBytes)
        {
            context.Report(Descriptor, string.Format(CultureInfo.InvariantCulture, "The package's entries claim {0:N0} bytes unpacked in all, over the limit of {1:N0}", total, context.Options.MaxTotalBytes), string.Empty);
        }

        // Sorted by where their data starts, each entry's data must end before the next one's header.
        var placed = listing.Entries.Where(e => e.DataOffset >= 0 && e.CompressedSize > 0).OrderBy(e => e.LocalHeaderOffset).ToList();
        for (var i = 1; i < placed.Count; i++)
        {
            var previous = placed[i - 1];
            if (previous.DataOffset + previous.CompressedSize > placed[i].LocalHeaderOffset)
            {
                context.Report(Descriptor, "The entry's compressed data overlaps the entry '" + Paths.Safe(placed[i].Name) + "' (data reused between entries, the mark of an overlapping zip bomb)", Paths.Safe(previous.Name));
            }
        }
    }
}
