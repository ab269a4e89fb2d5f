using System.Globalization;
using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0611: more entries than <see cref="ScanOptions.MaxFiles"/>. Only the first were read, from a
/// central directory the scanner walks itself, so a million-entry archive costs nothing to refuse.
/// </summary>
internal sealed class TooManyEntriesRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0611",
        ScanSeverity.High,
        "Too many archive entries",
        "Ship fewer files: a skill is a SKILL.md, a few scripts and small assets");

    public void Check(ZipListing listing, ScanContext context)
    {
        if (listing.DeclaredEntryCount > context.Options.MaxFiles)
        {
            context.Report(Descriptor, string.Format(CultureInfo.InvariantCulture, "The package has {0:N0} entries, over the limit of {1:N0}; only the first {1:N0} were inspected", listing.DeclaredEntryCount, context.Options.MaxFiles), string.Empty);
        }
    }
}
