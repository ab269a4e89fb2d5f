using System;
using System.Collections.Generic;
using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0605: two entries with exactly the same name. Unzippers disagree about which one wins (the
/// first, the last, or an error), so a reviewer and an installer can see different files.
/// </summary>
internal sealed class DuplicateEntryRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0605",
        ScanSeverity.High,
        "Duplicate archive entry",
        "Pack again from a clean folder; each path appears once in a package");

    public void Check(ZipListing listing, ScanContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in listing.Entries)
        {
            if (!seen.Add(entry.Name))
            {
                context.Report(Descriptor, "The entry's name appears more than once in the package; unzippers disagree on which copy wins", Paths.Safe(entry.Name));
            }
        }
    }
}
