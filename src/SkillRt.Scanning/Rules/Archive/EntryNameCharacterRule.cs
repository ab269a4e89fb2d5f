using SkillRt.Scanning.Archive;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0610: an entry name with control characters (newline, NUL, escape…), invisible or bidi
/// characters, invalid UTF-8 or characters Windows forbids (<c>&lt;&gt;:"|?*</c>). Such names forge log
/// lines and terminal output, display as a different name than they are, or unpack differently per OS.
/// </summary>
internal sealed class EntryNameCharacterRule : IArchiveRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0610",
        ScanSeverity.High,
        "Archive entry name has control, invisible or reserved characters",
        "Rename the file using letters, digits, '-', '_', '.' and '/'");

    public void Check(ZipListing listing, ScanContext context)
    {
        foreach (var entry in listing.Entries)
        {
            var name = entry.Name;
            string? reason = null;
            for (var i = 0; i < name.Length && reason is null; i++)
            {
                var c = name[i];
                if (c == '\uFFFD')
                {
                    reason = "bytes that are not valid UTF-8";
                }
                else if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(c, name[i + 1]);
                    reason = Evidence.IsHidden(codePoint) ? "the invisible character " + Evidence.Name(codePoint) : null;
                    i++;
                }
                else if (char.IsSurrogate(c) || Evidence.IsHidden(c))
                {
                    reason = "the control or invisible character " + Evidence.Name(c);
                }
                else if (c is '<' or '>' or ':' or '"' or '|' or '?' or '*')
                {
                    // ':' right after a drive letter is SKILLSEC0602's business, but still not a valid name.
                    reason = "'" + c + "', which Windows does not allow in file names";
                }
            }

            if (reason is not null)
            {
                context.Report(Descriptor, "The entry's name contains " + reason, Paths.Safe(name));
            }
        }
    }
}
