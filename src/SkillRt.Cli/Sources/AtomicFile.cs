using System;
using System.IO;

namespace SkillRt.Cli.Sources;

/// <summary>
/// Replaces a file all at once: the new content goes to a temporary file beside it (created with the
/// final permissions, so a key is never readable by others even for a moment), is flushed to disk,
/// and is then renamed over the old file. A reader sees the old file or the new one, never a mix,
/// and a process killed half-way leaves the old file and at most a stray temporary file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The prefix of the temporary files, so a listing shows what they are.</summary>
    public const string TemporaryPrefix = ".tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="content">The whole new content.</param>
    /// <param name="unixMode">The file's permissions on Unix; ignored on Windows, where the user profile is private already.</param>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file cannot be written.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode unixMode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, TemporaryPrefix + Path.GetFileName(path) + "-" + Path.GetRandomFileName());
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = unixMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                // On disk before the rename: after a power cut the rename must not point at an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The write failed already and says why; a stray temporary file is harmless.
        }
    }
}
