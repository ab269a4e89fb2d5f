using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Cli.Discovery;

namespace SkillRt.Cli.Install;

/// <summary>
/// Skills on disk: a single Markdown skill file, a skill folder (one that holds a SKILL.md), or a
/// folder of skills (every SKILL.md below it). Folders are searched and copied as
/// <see cref="SkillFolderFiles"/> says: no symbolic links, no <c>.git</c>, <c>bin</c> or <c>obj</c>.
/// </summary>
internal static class FolderSource
{
    private const string SkillFileName = "SKILL.md";

    /// <summary>Whether <paramref name="path"/> names a Markdown file, which is what a single-file skill is.</summary>
    public static bool IsMarkdownFile(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A SKILL.md or other Markdown skill file: it is copied as the entry's SKILL.md, with the
    /// <c>skillrt.yaml</c> sidecar beside a SKILL.md, which is part of that skill's manifest.
    /// </summary>
    public static SkillSource FromFile(string path)
    {
        var fullPath = Path.GetFullPath(path);

        // A SKILL.md is named by its folder (the Agent Skills layout); any other file by itself.
        var isSkillFile = string.Equals(Path.GetFileName(fullPath), SkillFileName, StringComparison.OrdinalIgnoreCase);
        var fallbackName = isSkillFile
            ? Path.GetFileName(Path.GetDirectoryName(fullPath)) ?? string.Empty
            : Path.GetFileNameWithoutExtension(fullPath);
        var sidecar = Path.Combine(Path.GetDirectoryName(fullPath) ?? string.Empty, AgentSkillsFormat.SidecarFileName);
        return new SkillSource(path, fallbackName, staging =>
        {
            File.Copy(fullPath, Path.Combine(staging, SkillFileName));
            if (isSkillFile && File.Exists(sidecar) && !SkillFolderFiles.IsLink(sidecar))
            {
                File.Copy(sidecar, Path.Combine(staging, AgentSkillsFormat.SidecarFileName));
            }
        });
    }

    /// <summary>
    /// A skill folder, or a folder of skills when it has no SKILL.md of its own. A folder with no
    /// SKILL.md anywhere below it is a usage error.
    /// </summary>
    public static IReadOnlyList<SkillSource> FromFolder(string path)
    {
        if (File.Exists(Path.Combine(path, SkillFileName)))
        {
            return [FromSkillFolder(path)];
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
            .Select(FromSkillFolder)
            .ToList();
    }

    private static SkillSource FromSkillFolder(string folder)
    {
        var displayPath = Path.Combine(folder, SkillFileName);

        // The copy leaves links out, so a linked SKILL.md would vanish from it; say so now rather
        // than fail on the staged copy.
        if (SkillFolderFiles.IsLink(displayPath))
        {
            throw new CliException(
                ExitCodes.UsageError,
                $"'{displayPath}' is a symbolic link, and links are not copied into the store (they could pull in files from anywhere); replace it with the file it points to, or install that file.");
        }

        var fullPath = Path.GetFullPath(folder);
        var fallbackName = Path.GetFileName(Path.TrimEndingDirectorySeparator(fullPath));
        return new SkillSource(displayPath, fallbackName, staging => SkillFolderFiles.Copy(fullPath, SkillFolderFiles.List(fullPath), staging));
    }

    // Depth-first, in the order the file system gives; the caller sorts. Unreadable folders are
    // skipped, as `skillrt validate` skips them: one private folder must not stop a whole install.
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
            if (child.LinkTarget is not null || SkillFolderFiles.IsCheckoutOrBuildFolder(child.Name))
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
}
