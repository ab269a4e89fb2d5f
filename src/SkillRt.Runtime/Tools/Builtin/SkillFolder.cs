using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// The skill's own files in <c>scripts/</c>, <c>references/</c> and <c>assets/</c>: the skill may
/// use them whatever its <c>permissions.filesystem</c> says, but nothing next to or above them.
/// </summary>
internal static class SkillFolder
{
    /// <summary>How many files a tool description names; a bigger folder is summed up.</summary>
    public const int MaxListedFiles = 100;

    /// <summary>Whether the skill folder has a folder named <paramref name="name"/>.</summary>
    public static bool Has(string? skillDirectory, string name) =>
        skillDirectory is not null && Directory.Exists(Path.Combine(skillDirectory, name));

    /// <summary>
    /// <paramref name="relative"/> inside the skill folder, refused unless it stays within one of
    /// <paramref name="folders"/>, both as written and with symbolic links followed.
    /// </summary>
    /// <returns>The path with links followed: the one to open.</returns>
    public static string Resolve(string skillDirectory, string relative, IReadOnlyList<string> folders, string argumentName)
    {
        var path = ToolPaths.Resolve(relative, skillDirectory, argumentName);
        var real = ToolPaths.ResolveLinks(path);
        foreach (var name in folders)
        {
            var folder = Path.Combine(skillDirectory, name);
            if (Directory.Exists(folder) && ToolPaths.IsSameOrUnder(path, folder) && ToolPaths.IsSameOrUnder(real, ToolPaths.ResolveLinks(folder)))
            {
                return real;
            }
        }

        throw new ToolDeniedException(
            ToolDenialReason.Filesystem,
            $"'{relative}' is not inside the skill's {string.Join(" or ", folders.Select(static f => f + "/"))} folder{(folders.Count > 1 ? "s" : string.Empty)}; only those files of the skill can be used this way.");
    }

    /// <summary>The files under <paramref name="folder"/>, relative to <paramref name="relativeTo"/> with <c>/</c>, sorted, at most <see cref="MaxListedFiles"/> plus a count of the rest.</summary>
    public static string DescribeFiles(string folder, string relativeTo)
    {
        if (!Directory.Exists(folder))
        {
            return string.Empty;
        }

        var files = Directory
            .EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Select(file => Path.GetRelativePath(relativeTo, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var shown = string.Join(", ", files.Take(MaxListedFiles));
        return files.Count > MaxListedFiles ? shown + $" and {files.Count - MaxListedFiles} more" : shown;
    }
}
