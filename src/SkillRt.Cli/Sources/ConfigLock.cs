using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Sources;

/// <summary>
/// The configuration folder's write lock (<c>.lock</c> opened with no sharing: an advisory
/// <c>flock</c> on Unix), held around each read-modify-write of sources.json and credentials.json so
/// two commands changing them at once (two logins) each keep the other's change. The atomic rename
/// alone prevents torn files, not lost updates. The lock dies with its process.
/// </summary>
internal sealed class ConfigLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly FileStream _file;

    private ConfigLock(FileStream file) => _file = file;

    public static async Task<ConfigLock> AcquireAsync(string directory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(directory, ".lock");
        while (true)
        {
            try
            {
                CreatePrivateDirectory(directory);
                return new ConfigLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException) when (clock.Elapsed < Timeout)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException(
                    ExitCodes.NotConfigured,
                    $"cannot lock skillrt's configuration folder '{directory}' ({exception.Message}); check its permissions, or wait for the other skillrt command changing it to finish.",
                    exception.ToString(),
                    exception);
            }
        }
    }

    /// <summary>Creates the folder readable by its owner only: it holds keys.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _file.Dispose();
}
