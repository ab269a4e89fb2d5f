using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>SKILLSEC0601: an entry name with a <c>..</c> segment ("zip slip"): unpacked naively it lands outside the install folder.</summary>
internal sealed class PathTraversalRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0601",
        ScanSeverity.Critical,
        "Archive entry escapes the package folder (..)",
        "Remove the entry; every file of a skill package lives under skills/{name}/ with no '..' segment");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            foreach (var segment in entry.Name.Split('/', '\\'))
            {
                if (segment.Trim() == "..")
                {
                    context.Report(Descriptor, "The entry's name has a '..' segment, which points outside the folder it is unpacked into", Paths.Safe(entry.Name));
                    break;
                }
            }
        }
    }
}
