using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0604: a symbolic link (a ZIP entry with the Unix link file type in its external attributes,
/// or a link inside a skill folder on disk). Unpacked by tools that honour it, it points anywhere
/// (<c>~/.ssh/id_rsa</c>), and a later entry written "through" it lands outside the folder.
/// </summary>
internal sealed class SymbolicLinkRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0604",
        ScanSeverity.High,
        "Symbolic link",
        "Replace the link with a copy of the file it points to");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.IsSymbolicLink)
            {
                var target = ZipReader.Extract(listing, entry, 512, out _, out _);
                var evidence = target is null ? null : "-> " + Evidence.Escape(System.Text.Encoding.UTF8.GetString(target), 120);
                context.Report(Descriptor, "The entry is a symbolic link, not a file", Paths.Safe(entry.Name), evidence: evidence);
            }
        }
    }
}
