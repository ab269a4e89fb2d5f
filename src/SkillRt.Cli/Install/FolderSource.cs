using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SkillRt.Cli.Install;

/// <summary>
/// Skills on disk: a single Markdown skill file, a skill folder (one that holds a SKILL.md), or a
/// folder of skills (every SKILL.md below it). Symbolic links are never followed, so a link cannot
/// pull files from elsewhere on the machine into the store, and <c>.git</c>, <c>bin</c> and
/// <c>obj</c> folders are left out: they are a checkout's and a build's, not the skill's.
/// </summary>
internal static class FolderSource
{
    private const string SkillFileName = "SKILL.md";

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "bin", "obj" };

    /// <summary>Whether <paramref name="path"/> names a Markdown file, which is what a single-file skill is.</summary>
    public static bool IsMarkdownFile(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>A SKILL.md or other Markdown skill file: it alone is copied, as the entry's SKILL.md.</summary>
    public static SkillSource FromFile(string path)
    {
        var fullPath = Path.GetFullPath(path);

        // A SKILL.md is named by its folder (the Agent Skills layout); any other file by itself.
        var fallbackName = string.Equals(Path.GetFileName(fullPath), SkillFileName, StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileName(Path.GetDirectoryName(fullPath)) ?? string.Empty
            : Path.GetFileNameWithoutExtension(fullPath);
        return new SkillSource(path, fallbackName, staging => File.Copy(fullPath, Path.Combine(staging, SkillFileName)));
    }

    /// <summary>
    /// A skill folder, or a folder of skills when it has no SKILL.md of its own. A folder with no
    /// SKILL.md anywhere below it is a usage error.
    /// </summary>
    public static IReadOnlyList<SkillSource> FromFolder(string path)
    {
        if (File.Exists(Path.Combine(path, SkillFileName)))
        {
            return [FromSkillFolder(path, Path.Combine(path, SkillFileName))];
        }

        var folders = new List<string>();
        FindSkillFolders(path, folders);
        if (folders.Count == 0)
        {
            throw new CliException(
                ExitCodes.UsageError,
                $"no SKILL.md found under '{path}'; pass a skill folder, a SKILL.md file, or a folder that holds skill folders.");
        }

        return folders
            .Order(StringComparer.Ordinal)
            .Select(folder => FromSkillFolder(folder, Path.Combine(folder, SkillFileName)))
            .ToList();
    }

    private static SkillSource FromSkillFolder(string folder, string displayPath)
    {
        var fullPath = Path.GetFullPath(folder);
        var fallbackName = Path.GetFileName(Path.TrimEndingDirectorySeparator(fullPath));
        return new SkillSource(displayPath, fallbackName, staging => CopyFolder(fullPath, staging));
    }

    // Depth-first, in the order the file system gives; the caller sorts. Unreadable folders are
    // skipped, as `skill validate` skips them: one private folder must not stop a whole install.
    private static void FindSkillFolders(string folder, List<string> found)
    {
        IEnumerable<DirectoryInfo> children;
        try
        {
            children = new DirectoryInfo(folder).EnumerateDirectories().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            if (IsSkipped(child))
            {
                continue;
            }

            if (File.Exists(Path.Combine(child.FullName, SkillFileName)))
            {
                found.Add(Path.Combine(folder, child.Name));
            }

            FindSkillFolders(Path.Combine(folder, child.Name), found);
        }
    }

    /// <summary>Copies a skill folder recursively, leaving out symbolic links and checkout or build folders.</summary>
    private static void CopyFolder(string source, string target)
    {
        var directory = new DirectoryInfo(source);
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            var destination = Path.Combine(target, entry.Name);
            if (entry is DirectoryInfo child)
            {
                if (IsSkipped(child))
                {
                    continue;
                }

                Directory.CreateDirectory(destination);
                CopyFolder(child.FullName, destination);
            }
            else
            {
                // File.Copy keeps the Unix permission bits, so scripts stay executable.
                File.Copy(entry.FullName, destination);
            }
        }
    }

    private static bool IsSkipped(DirectoryInfo folder) =>
        folder.LinkTarget is not null || SkippedFolders.Contains(folder.Name);
}
