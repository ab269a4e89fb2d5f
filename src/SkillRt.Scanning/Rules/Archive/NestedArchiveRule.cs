using System;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Archive;

/// <summary>
/// SKILLSEC0608: an archive inside the skill (zip, nupkg, jar, tar, gzip, 7z, rar, by name or by magic
/// number). The scanner does not unpack archives within archives, so their content goes unreviewed,
/// and a script can unpack it at run time.
/// </summary>
internal sealed class NestedArchiveRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0608",
        ScanSeverity.Medium,
        "Archive inside the skill",
        "Unpack the archive's files into the skill folder so they can be reviewed, or fetch the archive at run time from a declared host");

    private static readonly string[] Extensions = [".zip", ".nupkg", ".jar", ".war", ".whl", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".cab", ".apk"];

    public void Check(ScannedFile file, ScanContext context)
    {
        var format = ByMagic(file.Content);
        var name = file.Path.ToLowerInvariant();
        if (format is null)
        {
            foreach (var extension in Extensions)
            {
                if (name.EndsWith(extension, StringComparison.Ordinal))
                {
                    format = extension.Substring(1);
                    break;
                }
            }
        }

        if (format is not null)
        {
            context.Report(Descriptor, "The file is an archive (" + format + "), whose content is not scanned", file.Path);
        }
    }

    private static string? ByMagic(byte[] c)
    {
        if (c.Length >= 4 && c[0] == 'P' && c[1] == 'K' && ((c[2] == 3 && c[3] == 4) || (c[2] == 5 && c[3] == 6)))
        {
            return "zip";
        }

        if (c.Length >= 3 && c[0] == 0x1F && c[1] == 0x8B && c[2] == 8)
        {
            return "gzip";
        }

        if (c.Length >= 6 && c[0] == '7' && c[1] == 'z' && c[2] == 0xBC && c[3] == 0xAF && c[4] == 0x27 && c[5] == 0x1C)
        {
            return "7z";
        }

        if (c.Length >= 4 && c[0] == 'R' && c[1] == 'a' && c[2] == 'r' && c[3] == '!')
        {
            return "rar";
        }

        if (c.Length >= 3 && c[0] == 'B' && c[1] == 'Z' && c[2] == 'h')
        {
            return "bzip2";
        }

        if (c.Length >= 6 && c[0] == 0xFD && c[1] == '7' && c[2] == 'z' && c[3] == 'X' && c[4] == 'Z' && c[5] == 0)
        {
            return "xz";
        }

        if (c.Length >= 262 && c[257] == 'u' && c[258] == 's' && c[259] == 't' && c[260] == 'a' && c[261] == 'r')
        {
            return "tar";
        }

        return null;
    }
}
