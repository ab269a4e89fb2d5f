using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace SkillRt.Cli.Running;

/// <summary>
/// The runner's log as <c>skillrt run</c> shows it: warnings and errors only, one line each on stderr
/// (<c>skillrt: warning: …</c>), so a refused connection or a process running without a sandbox is
/// seen. Debug and information messages are not printed: stderr carries the run's report line.
/// </summary>
internal sealed class StandardErrorLogger(TextWriter error) : ILogger<SkillRunner>
{
    // Warnings that say again what the CLI reports itself: a repair (--stream shows it), the run's
    // failure (the error line), the run's time limit (the error line names --timeout), a process
    // timeout (the error line) and an unusable bubblewrap (the refusal, or event 202 under
    // --no-sandbox, carries the same reason).
    private static readonly int[] ReportedElsewhere = [3, 4, 5, 9, 205, 209];

    private readonly object _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel) || Array.IndexOf(ReportedElsewhere, eventId.Id) >= 0)
        {
            return;
        }

        var line = "skillrt: " + (logLevel == LogLevel.Warning ? "warning: " : "error: ") + formatter(state, exception);

        // Tool calls and the proxy log from several threads; whole lines, never interleaved ones.
        lock (_gate)
        {
            error.WriteLine(line);
            error.Flush();
        }
    }
}
