using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0613: an entry's local header names a different file than its central-directory record.
/// Streaming unzippers read local headers, others the central directory, so the same package unpacks
/// to different files in different tools: a classic way to show a reviewer one file and install another.
/// </summary>
internal sealed class LocalHeaderMismatchRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0613",
        ScanSeverity.High,
        "Local header and central directory disagree",
        "Pack the skill again with `dotnet pack`; never edit a package's bytes");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.LocalNameBytes is { } local && !Same(local, entry.NameBytes))
            {
                var localName = System.Text.Encoding.UTF8.GetString(local);
                context.Report(Descriptor, "The entry's local header names it '" + Paths.Safe(localName) + "'", Paths.Safe(entry.Name));
            }
        }
    }

    private static bool Same(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}
