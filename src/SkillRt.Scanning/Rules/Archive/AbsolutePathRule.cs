using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>SKILLSEC0602: an entry name that is an absolute path (<c>/etc/x</c>, <c>\x</c>, <c>C:x</c>, <c>\\server\x</c>): unpacked naively it overwrites a file anywhere.</summary>
internal sealed class AbsolutePathRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0602",
        ScanSeverity.Critical,
        "Archive entry has an absolute path",
        "Remove the entry; entry names are relative (skills/{name}/SKILL.md)");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            var name = entry.Name;
            string? kind = null;
            if (name.StartsWith("/", System.StringComparison.Ordinal) || name.StartsWith("\\", System.StringComparison.Ordinal))
            {
                kind = "starts at the root of a drive";
            }
            else if (name.Length >= 2 && name[1] == ':' && char.IsLetter(name[0]))
            {
                kind = "starts with the drive letter " + name.Substring(0, 2);
            }

            if (kind is not null)
            {
                context.Report(Descriptor, "The entry's name is an absolute path: it " + kind, Paths.Safe(name));
            }
        }
    }
}
