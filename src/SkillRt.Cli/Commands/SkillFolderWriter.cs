using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SkillRt.Cli.Discovery;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// Writes a converted skill as <c>{out}/{name}/</c> for <c>skillrt export</c> and <c>skillrt import</c>:
/// the new SKILL.md and sidecar, plus every other file of the source folder (scripts/, references/,
/// assets/ …). The folder is assembled beside the target and renamed into place, so a failure never
/// leaves half a skill, and an existing non-empty target is replaced only when asked.
/// </summary>
internal static class SkillFolderWriter
{
    // Text is written exactly as converted: no byte order mark is added, a leading U+FEFF in the
    // text (the original's mark) is written as one.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Refuses an empty output folder argument up front, before any skill is read.</summary>
    public static void RequireOutputFolder(string outRoot)
    {
        if (string.IsNullOrWhiteSpace(outRoot))
        {
            throw new CliException(ExitCodes.UsageError, "the output folder is empty; pass the folder to write <out>/<name>/ into, such as '.'.");
        }
    }

    /// <summary>
    /// The source folder's files to copy: all but the skill file and the sidecar, left out as
    /// <see cref="SkillFolderFiles"/> says (links, .git, bin, obj). When the output folder is inside
    /// the source folder, nothing under it is copied (no export into itself).
    /// </summary>
    public static IReadOnlyList<string> OtherFiles(string? sourceFolder, string skillFile, string outRoot, string name)
    {
        if (sourceFolder is null)
        {
            return [];
        }

        var source = Path.GetFullPath(sourceFolder);
        var output = Path.GetFullPath(outRoot);
        var excluded = IsSameOrUnder(output, source) && output != source ? output : Path.Combine(output, name);
        var skip = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.GetFullPath(skillFile),
            Path.Combine(source, AgentSkillsFormat.SidecarFileName),
        };

        try
        {
            var files = SkillFolderFiles.List(source, folder => IsSameOrUnder(folder, excluded));
            files.RemoveAll(skip.Contains);
            return files;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read the files of '{sourceFolder}': {exception.Message}", exception.ToString(), exception);
        }
    }

    /// <summary>
    /// Writes <c>{outRoot}/{name}/</c>; returns its path as the user would write it. Throws a
    /// <see cref="CliException"/> (usage error) when the target is not empty and <paramref name="force"/>
    /// is off, when it is or holds the skill's file, or when writing fails. An existing target is
    /// moved aside, and deleted only once the new folder is in its place; it is put back if that fails.
    /// </summary>
    public static string Write(string outRoot, string name, string skillFile, string? sourceFolder, IReadOnlyList<string> otherFiles, IReadOnlyList<(string Name, string Text)> texts, bool force)
    {
        RequireOutputFolder(outRoot);
        var target = Path.Combine(outRoot, name);
        var fullTarget = Path.GetFullPath(target);

        // The skill file's folder, not only a SKILL.md's: another Markdown skill file inside the
        // target would be deleted by --force along with the rest of the target.
        var skillFolder = Path.GetDirectoryName(Path.GetFullPath(skillFile))!;
        if (IsSameOrUnder(skillFolder, fullTarget))
        {
            throw new CliException(ExitCodes.UsageError, $"'{target}' is the skill's own folder or holds it; choose an output folder outside '{sourceFolder ?? skillFolder}'.");
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
        var temporary = Path.Combine(parent, "." + name + "." + Path.GetRandomFileName());
        var staging = temporary + ".tmp";
        var retired = temporary + ".old";
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (fileName, text) in texts)
            {
                File.WriteAllText(Path.Combine(staging, fileName), text, Utf8);
            }

            if (sourceFolder is not null)
            {
                SkillFolderFiles.Copy(Path.GetFullPath(sourceFolder), otherFiles, staging);
            }

            Replace(fullTarget, staging, retired);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            SkillFolderFiles.DeleteQuietly(staging);
            throw new CliException(ExitCodes.UsageError, $"cannot write '{target}': {exception.Message}; check that the folder is writable.", exception.ToString(), exception);
        }

        return target;
    }

    // A new folder is renamed into place; an existing one is swapped out (FolderSwap) and deleted only after.
    private static void Replace(string target, string staging, string retired)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        FolderSwap.Replace(target, staging, retired);
        SkillFolderFiles.DeleteQuietly(retired);
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
}
