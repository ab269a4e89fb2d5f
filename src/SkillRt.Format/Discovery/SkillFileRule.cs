using System;
using System.Collections.Generic;
using System.IO;

namespace SkillRt;

/// <summary>
/// Which Markdown files are skills (spec section 2.5): the one rule the source generator, the MSBuild
/// tasks and the <c>skill</c> tool apply, so a glob such as <c>*.md</c> means the same everywhere.
/// A file named <c>SKILL.md</c> (any letter case) is a skill. Any other file is a skill only when it
/// opens with a frontmatter line (<c>---</c>) and is not inside the folder of a <c>SKILL.md</c>, whose
/// <c>references/</c> and other Markdown files belong to that skill. A README or CHANGELOG is not a skill.
/// </summary>
public static class SkillFileRule
{
    /// <summary>The file name that always makes a skill: <c>SKILL.md</c>.</summary>
    public const string SkillFileName = "SKILL.md";

    // A first line longer than this that is still only '---' and blanks is not worth reading on.
    private const int MaxFirstLineBytes = 4096;

    /// <summary>Whether the file is named <c>SKILL.md</c>, in any letter case.</summary>
    /// <param name="path">The file's path or name.</param>
    public static bool IsSkillFileName(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return string.Equals(Path.GetFileName(path), SkillFileName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the text opens with a frontmatter line: its first line, after an optional byte order
    /// mark and without trailing spaces and tabs, is exactly <c>---</c> (spec section 2.2).
    /// </summary>
    /// <param name="text">The file's text.</param>
    public static bool StartsWithFrontmatter(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return SkillParser.TryFindFrontmatter(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0, out _, out _, out _, out _);
    }

    /// <summary>
    /// Whether the file on disk opens with a frontmatter line; reads its first line only. A file that
    /// cannot be read does not. Call it only for files not named <c>SKILL.md</c>: those are skills
    /// anyway, and a pipe's first line, once read here, would be gone for the parser.
    /// </summary>
    /// <param name="path">The file to look at.</param>
    public static bool FileStartsWithFrontmatter(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var head = new byte[MaxFirstLineBytes];
            var length = 0;
            int read;
            while (length < head.Length && (read = stream.Read(head, length, head.Length - length)) > 0)
            {
                length += read;
                if (Array.IndexOf(head, (byte)'\n', 0, length) >= 0 || Array.IndexOf(head, (byte)'\r', 0, length) >= 0)
                {
                    break;
                }
            }

            var start = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            if (length < start + 3 || head[start] != '-' || head[start + 1] != '-' || head[start + 2] != '-')
            {
                return false;
            }

            for (var i = start + 3; i < length && head[i] is not ((byte)'\n' or (byte)'\r'); i++)
            {
                if (head[i] is not ((byte)' ' or (byte)'\t'))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The folder of the skill a file belongs to: the deepest of <paramref name="skillFolders"/> (folders
    /// that hold a <c>SKILL.md</c>) that contains <paramref name="path"/>, or <see langword="null"/>. A
    /// <c>SKILL.md</c> belongs to no other skill: its folder is a skill of its own.
    /// </summary>
    /// <param name="path">The Markdown file, as a full path.</param>
    /// <param name="skillFolders">Full paths of the folders that hold a <c>SKILL.md</c>.</param>
    public static string? FindOwningSkillFolder(string path, IEnumerable<string> skillFolders)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (skillFolders is null)
        {
            throw new ArgumentNullException(nameof(skillFolders));
        }

        if (IsSkillFileName(path))
        {
            return null;
        }

        var file = Normalize(path);
        string? owner = null;
        var ownerLength = 0;
        foreach (var folder in skillFolders)
        {
            var prefix = Normalize(folder).TrimEnd('/') + "/";
            if (prefix.Length > ownerLength && file.StartsWith(prefix, StringComparison.Ordinal))
            {
                owner = folder;
                ownerLength = prefix.Length;
            }
        }

        return owner;
    }

    /// <summary>
    /// Applies the rule to one file: <see langword="null"/> when it is a skill, otherwise the info
    /// diagnostic SKILL0011 saying why it is skipped. Nothing else about the file is checked.
    /// </summary>
    /// <param name="path">The Markdown file, as a full path.</param>
    /// <param name="startsWithFrontmatter">Whether the file opens with a frontmatter line (<see cref="StartsWithFrontmatter"/>).</param>
    /// <param name="skillFolders">Full paths of the folders that hold a <c>SKILL.md</c> among the files considered with it.</param>
    public static SkillDiagnostic? Check(string path, bool startsWithFrontmatter, IEnumerable<string> skillFolders)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (IsSkillFileName(path))
        {
            return null;
        }

        var name = Path.GetFileName(path);
        if (!startsWithFrontmatter)
        {
            return SkillDiagnosticDescriptors.NotASkillFile.Create(
                SourceSpan.At(1, 1),
                name,
                "it is not named SKILL.md and does not open with a '---' frontmatter line. To make it a skill, move it to <name>/SKILL.md or give it frontmatter with a name and a description");
        }

        if (FindOwningSkillFolder(path, skillFolders) is { } owner)
        {
            return SkillDiagnosticDescriptors.NotASkillFile.Create(
                SourceSpan.At(1, 1),
                name,
                $"it is inside the folder of the skill '{Path.Combine(owner, SkillFileName)}', so it is one of that skill's files. To make it a skill of its own, move it out of that folder");
        }

        return null;
    }

    /// <summary>The folders that hold a <c>SKILL.md</c> among <paramref name="paths"/>.</summary>
    /// <param name="paths">Full paths of Markdown files.</param>
    public static IReadOnlyList<string> SkillFolders(IEnumerable<string> paths)
    {
        if (paths is null)
        {
            throw new ArgumentNullException(nameof(paths));
        }

        var folders = new List<string>();
        foreach (var path in paths)
        {
            if (IsSkillFileName(path) && Path.GetDirectoryName(path) is { Length: > 0 } folder)
            {
                folders.Add(folder);
            }
        }

        return folders;
    }

    // Forward slashes, so Windows and Unix paths (and the generator's mixed ones) compare alike.
    private static string Normalize(string path) => path.Replace('\\', '/');
}
