using System;
using System.Collections.Generic;
using System.IO;

namespace SkillRt.Cli.Discovery;

/// <summary>
/// Finds the skills under a folder: every <c>SKILL.md</c>, plus other <c>*.md</c> files that open with
/// a frontmatter line (<c>---</c>) and sit outside any skill folder — a skill's own
/// <c>references/*.md</c> are documents, not skills, and a README without frontmatter is not a skill.
/// Symbolic links are not followed (no loops); the folders <see cref="SkillFolderFiles"/> leaves out
/// of a skill, and <c>node_modules</c>, are not searched. Results are in ordinal path order, so output is stable.
/// </summary>
internal static class SkillFileFinder
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    public static List<string> Find(string folder)
    {
        var found = new List<string>();
        Walk(folder, insideSkill: false, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(string folder, bool insideSkill, List<string> found)
    {
        var skillFile = Path.Combine(folder, "SKILL.md");
        var isSkillFolder = File.Exists(skillFile);
        if (isSkillFolder)
        {
            found.Add(skillFile);
        }
        else if (!insideSkill)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.md", OneLevel))
            {
                if (StartsWithFrontmatter(file))
                {
                    found.Add(file);
                }
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder, "*", OneLevel))
        {
            var name = Path.GetFileName(child);
            if (!SkillFolderFiles.IsCheckoutOrBuildFolder(name) && !name.Equals("node_modules", StringComparison.OrdinalIgnoreCase))
            {
                Walk(child, insideSkill || isSkillFolder, found);
            }
        }
    }

    /// <summary>Whether the file's first line is <c>---</c> (after an optional BOM), as the spec defines a structured skill.</summary>
    private static bool StartsWithFrontmatter(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var text = head[..read];
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        return text.StartsWith("---\n"u8) || text.StartsWith("---\r\n"u8) || text.StartsWith("--- "u8) || text.StartsWith("---\t"u8);
    }
}
