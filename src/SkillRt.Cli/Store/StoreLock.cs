using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Store;

/// <summary>
/// The store's write lock: <c>{store}/.lock</c> opened with no sharing, which .NET maps to an
/// advisory <c>flock</c> on Unix and a share-mode lock on Windows. Held only around the renames that
/// publish or remove an entry, so concurrent installs wait milliseconds, not for each other's copies.
/// The lock dies with its process, so a crashed install never leaves the store locked.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    public static async Task<StoreLock> AcquireAsync(string storeRoot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(storeRoot, timeout, clock) is { } acquired)
            {
                return acquired;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the lock without async, for the recovery that <see cref="SkillStore.Open"/> runs; it is
    /// needed only when an earlier command was killed while holding it, so waiting here is rare.
    /// </summary>
    public static StoreLock Acquire(string storeRoot, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(storeRoot, timeout, clock) is { } acquired)
            {
                return acquired;
            }

            Thread.Sleep(PollInterval);
        }
    }

    public void Dispose() => _file.Dispose();

    // The lock, or null while another process holds it and the timeout has not passed.
    private static StoreLock? TryAcquire(string storeRoot, TimeSpan timeout, Stopwatch clock)
    {
        Directory.CreateDirectory(storeRoot);
        var path = Path.Combine(storeRoot, ".lock");
        try
        {
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None));
        }
        catch (IOException) when (clock.Elapsed < timeout)
        {
            return null;
        }
        catch (IOException exception)
        {
            throw new CliException(
                ExitCodes.StoreError,
                $"the skill store '{storeRoot}' stayed locked by another skill command for {timeout.TotalSeconds:0} s; wait for it to finish and try again.",
                exception.Message,
                exception);
        }
    }
}
