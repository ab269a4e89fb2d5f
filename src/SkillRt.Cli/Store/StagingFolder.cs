using System;
using System.IO;
using SkillRt.Cli.Discovery;

namespace SkillRt.Cli.Store;

/// <summary>
/// A folder under <c>{store}/.staging/</c> where one process assembles a skill before publishing it,
/// and the proof that its owner is alive: <c>{folder}.owner</c>, held open with no sharing (an
/// advisory <c>flock</c> on Unix) from before the folder exists until after it is gone. The operating
/// system drops that lock when the owner dies, however it dies, so a later command can tell a folder
/// left by a killed install (lock free) from one a live install is filling (lock held) without
/// trusting process IDs, which the system reuses.
/// </summary>
internal sealed class StagingFolder : IDisposable
{
    /// <summary>The suffix of a staging folder's owner lock file.</summary>
    public const string OwnerSuffix = ".owner";

    private readonly FileStream _owner;

    private StagingFolder(string path, FileStream owner)
    {
        Path = path;
        _owner = owner;
    }

    /// <summary>The folder; it exists until it is published or this object is disposed.</summary>
    public string Path { get; }

    /// <summary>Creates a new, empty, owned folder in <paramref name="stagingDirectory"/>.</summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be created.</exception>
    public static StagingFolder Create(string stagingDirectory)
    {
        Directory.CreateDirectory(stagingDirectory);
        while (true)
        {
            // No dot in the name: GetRandomFileName's "xxxxxxxx.yyy" ends in ".old" one time in 32,768,
            // and recovery treats a ".old" entry as a retired copy and deletes it.
            var path = System.IO.Path.Combine(stagingDirectory, System.IO.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            FileStream owner;
            try
            {
                // CreateNew: a name in use (by a live folder, or one being cleaned up) is never shared.
                owner = OpenOwner(path, FileMode.CreateNew);
            }
            catch (IOException) when (File.Exists(path + OwnerSuffix) || Directory.Exists(path))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(path);
                return new StagingFolder(path, owner);
            }
            catch
            {
                owner.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Removes the staging folder <paramref name="path"/> (which may already be gone, leaving only its
    /// owner file) if its owner is dead; a folder whose owner holds its lock is left alone.
    /// </summary>
    /// <returns>Whether the owner was dead (and the folder is removed, as far as it could be).</returns>
    public static bool DeleteIfAbandoned(string path)
    {
        FileStream owner;
        try
        {
            // A folder from a SkillRt that wrote no owner file gets one here, and is abandoned.
            owner = OpenOwner(path, FileMode.OpenOrCreate);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Held by its live owner, or not ours to touch.
            return false;
        }

        using (owner)
        {
            SkillFolderFiles.DeleteQuietly(path);
        }

        return true;
    }

    /// <summary>Deletes the folder if it is still here (it was not published), then gives up ownership.</summary>
    public void Dispose()
    {
        // In this order: the lock must outlive the folder, or a cleanup could take a live folder for a dead one.
        SkillFolderFiles.DeleteQuietly(Path);
        _owner.Dispose();
    }

    // Deleted when closed, so a finished install leaves nothing behind; a killed one leaves the file, unlocked.
    private static FileStream OpenOwner(string path, FileMode mode) =>
        new(path + OwnerSuffix, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
}
