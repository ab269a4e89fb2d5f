using System;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace SkillRt.Sandboxing;

/// <summary>
/// The private temporary folder of one sandboxed process, <c>{temp}/skillrt-XXXXXX</c>: its
/// <see cref="Path"/> subfolder is the process's HOME, TMPDIR and, in bubblewrap, <c>/tmp</c>; beside
/// it, out of the process's reach, an <see cref="OwnerLockName"/> file stays locked (<c>flock</c>) for
/// as long as this object lives. A run that is killed cannot delete its folder, but its lock goes with
/// it, which is how <see cref="TempFolderJanitor"/> tells a folder left behind from one in use.
/// </summary>
internal sealed class PrivateTempFolder : IDisposable
{
    /// <summary>Every folder SkillRt makes starts with this.</summary>
    public const string NamePrefix = "skillrt-";

    /// <summary>The file in the folder whose lock says its owner is alive.</summary>
    public const string OwnerLockName = "owner.lock";

    private const string ContentName = "tmp";

    // The first folder made by this application sweeps away those of earlier runs that were killed.
    private static int s_swept;

    private readonly FileStream _ownerLock;
    private int _disposed;

    private PrivateTempFolder(string root, FileStream ownerLock)
    {
        Root = root;
        _ownerLock = ownerLock;
        Path = System.IO.Path.Combine(root, ContentName);
    }

    /// <summary>The folder itself, <c>{temp}/skillrt-XXXXXX</c>.</summary>
    public string Root { get; }

    /// <summary>The folder the process gets, inside <see cref="Root"/>.</summary>
    public string Path { get; }

    /// <summary>Makes a folder in the system's temporary folder (or <paramref name="parent"/>) and locks it as in use.</summary>
    /// <param name="logger">Told how many abandoned folders the first call removed.</param>
    /// <param name="parent">Where to make it; the system's temporary folder when <see langword="null"/>.</param>
    public static PrivateTempFolder Create(ILogger logger, string? parent = null)
    {
        var temp = parent ?? System.IO.Path.GetTempPath();
        if (parent is null && Interlocked.Exchange(ref s_swept, 1) == 0)
        {
            var removed = TempFolderJanitor.RemoveAbandoned(temp);
            if (removed > 0)
            {
                SandboxLog.TempFoldersRemoved(logger, removed, temp);
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var root = parent is null
                ? Directory.CreateTempSubdirectory(NamePrefix).FullName
                : Directory.CreateDirectory(System.IO.Path.Combine(parent, NamePrefix + System.IO.Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal))).FullName;
            try
            {
                // FileShare.None is an exclusive flock on Unix and an exclusive open on Windows. A
                // janitor that opened the new file between its creation and the lock wins the race
                // and deletes the folder; this run then makes another.
                var ownerLock = new FileStream(System.IO.Path.Combine(root, OwnerLockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                Directory.CreateDirectory(System.IO.Path.Combine(root, ContentName));
                return new PrivateTempFolder(root, ownerLock);
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Deletes the folder, then releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        TempFolderJanitor.DeleteQuietly(Root);
        _ownerLock.Dispose();
    }
}
