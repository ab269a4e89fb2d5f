using System.IO;
using System.Threading.Tasks;
using NuGet.Common;

namespace SkillRt.Cli.Install;

/// <summary>
/// NuGet's log on stderr, for <c>--verbose</c>: the feed requests, cache hits and retries that explain
/// a slow or failing search. Without <c>--verbose</c> the command uses <see cref="NullLogger"/>, so
/// NuGet never prints over the command's one-line results.
/// </summary>
internal sealed class NuGetErrorLogger : LoggerBase
{
    private readonly TextWriter _error;
    private readonly object _gate = new();

    public NuGetErrorLogger(TextWriter error)
        : base(LogLevel.Verbose) => _error = error;

    public override void Log(ILogMessage message)
    {
        if (!DisplayMessage(message.Level))
        {
            return;
        }

        // NuGet logs from several requests at once; keep each line whole.
        lock (_gate)
        {
            _error.WriteLine("nuget: " + message.Message);
        }
    }

    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}
