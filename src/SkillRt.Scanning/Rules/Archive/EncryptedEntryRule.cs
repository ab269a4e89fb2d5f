using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>SKILLSEC0609: an encrypted entry. Nobody, the scanner included, can see what is in it, and NuGet cannot install it.</summary>
internal sealed class EncryptedEntryRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0609",
        ScanSeverity.High,
        "Encrypted archive entry",
        "Pack without a password; a package's files must be readable by whoever installs it");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.IsEncrypted)
            {
                context.Report(Descriptor, "The entry is encrypted, so its content cannot be inspected", Paths.Safe(entry.Name));
            }
        }
    }
}
