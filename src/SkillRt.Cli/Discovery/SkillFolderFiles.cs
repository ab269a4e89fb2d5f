using System;
using System.Collections.Generic;
using System.IO;

namespace SkillRt.Cli.Discovery;

/// <summary>
/// What belongs to a skill folder, for every command that searches or copies one (<c>validate</c>,
/// <c>install</c>, <c>export</c>, <c>import</c>): symbolic links are never followed, so a link cannot
/// pull files from elsewhere on the machine into a copy (or loop a search), and <c>.git</c>,
/// <c>bin</c> and <c>obj</c> are left out, being a checkout's and a build's, not the skill's.
/// </summary>
internal static class SkillFolderFiles
{
    // Links are skipped (a symbolic link has the ReparsePoint attribute on every OS .NET runs on);
    // an unreadable folder is an error: a copy must not silently miss files.
    private static readonly EnumerationOptions NoLinks = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
    };

    /// <summary>Whether a folder of this name is a checkout's or a build's (<c>.git</c>, <c>bin</c>, <c>obj</c>), never part of a skill.</summary>
    public static bool IsCheckoutOrBuildFolder(string name) =>
        name.Equals(".git", StringComparison.OrdinalIgnoreCase)
        || name.Equals("bin", StringComparison.OrdinalIgnoreCase)
        || name.Equals("obj", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is a symbolic link (or another reparse point), which is never copied.</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>
    /// Every file under <paramref name="folder"/>, recursively, in ordinal order: no links, nothing
    /// under a checkout or build folder, nothing under a folder <paramref name="excludeFolder"/> picks.
    /// </summary>
    /// <exception cref="IOException">A folder cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A folder cannot be read.</exception>
    public static List<string> List(string folder, Func<string, bool>? excludeFolder = null)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(current, "*", NoLinks))
            {
                if (!IsCheckoutOrBuildFolder(Path.GetFileName(directory)) && excludeFolder?.Invoke(directory) != true)
                {
                    pending.Push(directory);
                }
            }

            files.AddRange(Directory.EnumerateFiles(current, "*", NoLinks));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Copies <paramref name="files"/> (under <paramref name="sourceFolder"/>) to the same relative paths under <paramref name="targetFolder"/>.</summary>
    public static void Copy(string sourceFolder, IEnumerable<string> files, string targetFolder)
    {
        foreach (var file in files)
        {
            var copy = Path.Combine(targetFolder, Path.GetRelativePath(sourceFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);

            // File.Copy keeps the Unix permission bits, so scripts stay executable.
            File.Copy(file, copy);
        }
    }

    /// <summary>
    /// Deletes a temporary folder (a staging copy, an entry moved aside), ignoring failures: what is
    /// left is a hidden or staging folder nothing reads, and the error being reported matters more.
    /// </summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left behind; see above.
        }
    }
}
