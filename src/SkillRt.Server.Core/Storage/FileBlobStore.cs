using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Server.Storage;

/// <summary>
/// Blobs as files under <c>{root}/{first two hex digits}/{sha256}</c>. Content is written to a
/// temporary file in <c>{root}/.incoming</c>, hashed on the way, flushed to disk and then renamed into
/// place: the rename is atomic, so a blob's path holds either nothing or the whole content, whatever
/// happens to the process.
/// </summary>
internal sealed class FileBlobStore : IBlobStore
{
    private const string IncomingFolder = ".incoming";

    private readonly string _root;

    public FileBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    /// <summary>The file that holds a blob, whether or not it exists; the download path sends it with sendfile.</summary>
    public string PathOf(string sha256)
    {
        BlobKeys.Check(sha256);
        return Path.Combine(_root, sha256[..2], sha256);
    }

    public async Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var incoming = Path.Combine(_root, IncomingFolder);
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long length;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    length = file.Length;
                    // The rename below must never publish a name whose bytes are still only in the page cache.
                    file.Flush(flushToDisk: true);
                }

                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = PathOf(sha256);
            if (File.Exists(target))
            {
                File.Delete(temporary);
                // Stored again is as good as new: a sweep of old unreferenced blobs must not take the
                // copy a publish is about to record just because an earlier, abandoned one left it.
                TryTouch(target);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                // Another writer of the same content may win the race; its file has the same bytes.
                File.Move(temporary, target, overwrite: true);
            }

            return new BlobInfo(sha256, length);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!BlobKeys.IsValid(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            // A small buffer: readers that copy in large blocks (downloads) bypass it, and one that reads
            // a zip's directory in small pieces (the skill page) should not pay 80 KB per open for it.
            Stream stream = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        TryDelete(PathOf(sha256));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(BlobInfo Blob, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            if (Path.GetFileName(folder) == IncomingFolder)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(file);
                if (!BlobKeys.IsValid(name))
                {
                    continue;
                }

                var info = new FileInfo(file);
                if (info.Exists)
                {
                    yield return (new BlobInfo(name, info.Length), info.LastWriteTimeUtc);
                }
            }

            await Task.Yield();
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var incoming = Path.Combine(_root, IncomingFolder);
        Directory.CreateDirectory(incoming);
        var probe = Path.Combine(incoming, "ready-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(probe, [], cancellationToken).ConfigureAwait(false);
        File.Delete(probe);
    }

    /// <summary>
    /// Removes temporary files a killed process left behind; called at start-up, when no write of this
    /// process is in flight. Files younger than an hour may belong to another process on the same folder.
    /// </summary>
    public void RemoveAbandonedIncoming(DateTimeOffset now)
    {
        var incoming = Path.Combine(_root, IncomingFolder);
        if (!Directory.Exists(incoming))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(incoming))
        {
            if (now - File.GetLastWriteTimeUtc(file) > TimeSpan.FromHours(1))
            {
                TryDelete(file);
            }
        }
    }

    private static void TryTouch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Gone or busy: a missing blob is written again by the publish's own check.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a file that cannot be removed now is swept later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
