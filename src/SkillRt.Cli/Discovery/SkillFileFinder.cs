using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SkillRt.Cli.Discovery;

/// <summary>
/// Finds the skills under a folder by the spec's rule (section 2.5, <see cref="SkillFileRule"/>, which
/// the build applies to <c>SkillFile</c> items too): every <c>SKILL.md</c>, plus other <c>*.md</c> files
/// that open with a frontmatter line (<c>---</c>) and sit outside any skill folder — a skill's own
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

    // SKILL.md in any letter case is a skill (spec section 2.5), on case-sensitive file systems too.
    private static readonly EnumerationOptions MarkdownFiles = new()
    {
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        MatchCasing = MatchCasing.CaseInsensitive,
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
        var markdown = Directory.EnumerateFiles(folder, "*.md", MarkdownFiles).ToList();
        var skillFiles = markdown.Where(SkillFileRule.IsSkillFileName).ToList();
        var isSkillFolder = skillFiles.Count > 0;
        if (isSkillFolder)
        {
            found.AddRange(skillFiles);
        }
        else if (!insideSkill)
        {
            found.AddRange(markdown.Where(SkillFileRule.FileStartsWithFrontmatter));
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
}
