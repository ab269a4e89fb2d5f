using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0603: a backslash in an entry name. ZIP names use <c>/</c>; Windows unzippers treat <c>\</c>
/// as a separator and Unix ones as part of a file name, so the same package unpacks to different files
/// (and a check for <c>..</c> that splits on <c>/</c> only misses <c>..\</c>).
/// </summary>
internal sealed class BackslashPathRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0603",
        ScanSeverity.High,
        "Archive entry name contains a backslash",
        "Pack with `dotnet pack`, which writes '/' separators; do not put '\\' in file names");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.Name.IndexOf('\\') >= 0)
            {
                context.Report(Descriptor, "The entry's name contains '\\', a separator on Windows but a file-name character on Linux and macOS", Paths.Safe(entry.Name));
            }
        }
    }
}
