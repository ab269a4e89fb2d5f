using System;
using System.IO;

namespace SkillRt.Sandboxing;

/// <summary>
/// Removes the private temporary folders (<see cref="PrivateTempFolder"/>) of SkillRt processes
/// that were killed before they could remove their own.
/// </summary>
/// <remarks>
/// A folder is removed only when all of these hold: its name starts with <c>skillrt-</c>; it is a
/// real folder, not a link; it holds an <see cref="PrivateTempFolder.OwnerLockName"/> file that is
/// a regular file, not a link; and that file's lock can be taken, which means the process that made
/// it is gone (the kernel releases a <c>flock</c> when its holder dies, however it died). Folders of
/// live runs, folders SkillRt did not make and anything a link points to are left alone: deleting
/// never follows links, it removes the link.
/// </remarks>
internal static class TempFolderJanitor
{
    /// <summary>Removes the abandoned folders in <paramref name="tempFolder"/>; returns how many.</summary>
    public static int RemoveAbandoned(string tempFolder)
    {
        var removed = 0;
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(tempFolder, PrivateTempFolder.NamePrefix + "*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var folder in candidates)
        {
            if (TryRemove(folder))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Deletes a folder and everything in it, links themselves rather than what they point to; quietly gives up on what cannot be deleted.</summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file the process made undeletable; it stays in the system's temporary folder.
        }
    }

    private static bool TryRemove(string folder)
    {
        try
        {
            var info = new DirectoryInfo(folder);
            var ownerLock = new FileInfo(Path.Combine(folder, PrivateTempFolder.OwnerLockName));
            if (IsLink(info) || !ownerLock.Exists || IsLink(ownerLock))
            {
                return false;
            }

            using var held = new FileStream(ownerLock.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

            // The lock is ours: its owner is gone, and another janitor cannot take it meanwhile.
            DeleteQuietly(folder);
            return !Directory.Exists(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by its live owner (or another janitor), not ours to open, or gone meanwhile.
            return false;
        }
    }

    private static bool IsLink(FileSystemInfo info) =>
        info.LinkTarget is not null || (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0);
}
