using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SkillRt.Cli.Commands;

/// <summary>
/// Writes a converted skill as <c>{out}/{name}/</c> for <c>skill export</c> and <c>skill import</c>:
/// the new SKILL.md and sidecar, plus every other file of the source folder (scripts/, references/,
/// assets/ …). The folder is assembled beside the target and renamed into place, so a failure never
/// leaves half a skill, and an existing non-empty target is replaced only when asked.
/// </summary>
internal static class SkillFolderWriter
{
    // Text is written exactly as converted: no byte order mark is added, a leading U+FEFF in the
    // text (the original's mark) is written as one.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Symbolic links are skipped: following one could copy files from anywhere on the machine into
    // the exported skill. Hidden files are ordinary files of the skill and are copied.
    private static readonly EnumerationOptions AllButLinks = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
    };

    /// <summary>
    /// The source folder's files to copy: all but symbolic links, the skill file and the sidecar. When
    /// the output folder is inside the source folder, nothing under it is copied (no export into itself).
    /// </summary>
    public static IReadOnlyList<string> OtherFiles(string? sourceFolder, string skillFile, string outRoot, string name)
    {
        if (sourceFolder is null)
        {
            return [];
        }

        try
        {
            return ListOtherFiles(Path.GetFullPath(sourceFolder), skillFile, outRoot, name);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read the files of '{sourceFolder}': {exception.Message}", exception.ToString(), exception);
        }
    }

    private static List<string> ListOtherFiles(string source, string skillFile, string outRoot, string name)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.GetFullPath(skillFile),
            Path.Combine(source, AgentSkillsFormat.SidecarFileName),
        };
        var output = Path.GetFullPath(outRoot);
        var excluded = IsSameOrUnder(output, source) && output != source ? output : Path.Combine(output, name);
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(source);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(folder, "*", AllButLinks))
            {
                if (!IsSameOrUnder(directory, excluded))
                {
                    pending.Push(directory);
                }
            }

            files.AddRange(Directory.EnumerateFiles(folder, "*", AllButLinks).Where(file => !skip.Contains(file)));
        }

        return files.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes <c>{outRoot}/{name}/</c>; returns its path as the user would write it. Throws a
    /// <see cref="CliException"/> (usage error) when the target is not empty and <paramref name="force"/>
    /// is off, when it is or holds the source folder, or when writing fails.
    /// </summary>
    public static string Write(string outRoot, string name, string? sourceFolder, IReadOnlyList<string> otherFiles, IReadOnlyList<(string Name, string Text)> texts, bool force)
    {
        var target = Path.Combine(outRoot, name);
        var fullTarget = Path.GetFullPath(target);
        if (sourceFolder is not null && IsSameOrUnder(Path.GetFullPath(sourceFolder), fullTarget))
        {
            throw new CliException(ExitCodes.UsageError, $"'{target}' is the skill's own folder or holds it; choose an output folder outside '{sourceFolder}'.");
        }

        if (File.Exists(fullTarget))
        {
            throw new CliException(ExitCodes.UsageError, $"'{target}' is a file; choose another output folder, or remove the file.");
        }

        if (Directory.Exists(fullTarget) && Directory.EnumerateFileSystemEntries(fullTarget).Any() && !force)
        {
            throw new CliException(ExitCodes.UsageError, $"'{target}' already exists and is not empty; pass --force to replace it, or choose another output folder.");
        }

        var parent = Path.GetDirectoryName(fullTarget)!;
        var staging = Path.Combine(parent, "." + name + "." + Path.GetRandomFileName() + ".tmp");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (fileName, text) in texts)
            {
                File.WriteAllText(Path.Combine(staging, fileName), text, Utf8);
            }

            var root = Path.GetFullPath(sourceFolder ?? ".");
            foreach (var file in otherFiles)
            {
                var copy = Path.Combine(staging, Path.GetRelativePath(root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            if (Directory.Exists(fullTarget))
            {
                Directory.Delete(fullTarget, recursive: true);
            }

            Directory.Move(staging, fullTarget);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(staging);
            throw new CliException(ExitCodes.UsageError, $"cannot write '{target}': {exception.Message}; check that the folder is writable.", exception.ToString(), exception);
        }

        return target;
    }

    /// <summary>
    /// The folder's SKILL.md when <paramref name="path"/> is a skill folder, else the path as given:
    /// loading the file itself makes error lines name the file, not its folder.
    /// </summary>
    public static string SkillFileIn(string path)
    {
        var file = Path.Combine(path, "SKILL.md");
        return Directory.Exists(path) && File.Exists(file) ? file : path;
    }

    /// <summary>"1 other file", "3 other files".</summary>
    public static string OtherFilesText(int count) => count == 1 ? "1 other file" : $"{count} other files";

    /// <summary>
    /// Reads a text file whole, keeping a byte order mark as U+FEFF so it is written back as it was;
    /// a read failure is a usage error that names the file.
    /// </summary>
    public static string ReadText(string path)
    {
        try
        {
            return Utf8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }
    }

    private static bool IsSameOrUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." ||
               (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static void DeleteQuietly(string folder)
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
            // A leftover hidden staging folder is harmless; the error being reported matters more.
        }
    }
}
