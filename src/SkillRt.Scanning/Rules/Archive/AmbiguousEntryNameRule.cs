using System;
using System.Collections.Generic;
using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0606: two different entry names that become the same file on common file systems: equal
/// ignoring letter case (Windows, macOS), or equal once Unicode-normalised (<c>é</c> as one code point
/// and as <c>e</c> + combining accent; macOS normalises), or once Windows drops trailing dots and
/// spaces. One file silently replaces the other depending on where the package is unpacked.
/// </summary>
internal sealed class AmbiguousEntryNameRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0606",
        ScanSeverity.High,
        "Archive entry names collide on some file systems",
        "Rename one of the files so the names differ by more than letter case or Unicode form");

    public void Check(ZipListing listing, ScanContext context)
    {
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in listing.Entries)
        {
            if (!exact.Add(entry.Name))
            {
                continue; // An exact duplicate is SKILLSEC0605.
            }

            var key = Fold(entry.Name);
            if (folded.TryGetValue(key, out var other))
            {
                context.Report(Descriptor, "The entry's name and '" + Paths.Safe(other) + "' name the same file on case-insensitive or normalising file systems", Paths.Safe(entry.Name));
            }
            else
            {
                folded[key] = entry.Name;
            }
        }
    }

    /// <summary>
    /// The name as a file system that ignores letter case, normalises Unicode and drops trailing dots and
    /// spaces would store it. Decomposed with the built-in Latin map rather than
    /// <see cref="string.Normalize()"/>, which does nothing under InvariantGlobalization (the registry and
    /// the CLI) and would make the verdict depend on the process that scans.
    /// </summary>
    internal static string Fold(string name)
    {
        var normalized = LatinDecomposition.Decompose(name);
        var segments = normalized.ToUpperInvariant().Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = segments[i].TrimEnd('.', ' ');
        }

        return string.Join("/", segments);
    }
}
