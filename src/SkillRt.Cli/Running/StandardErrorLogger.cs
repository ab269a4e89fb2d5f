using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.Logging;

namespace SkillRt.Cli.Running;

/// <summary>
/// The runner's log as <c>skillrt run</c> shows it: warnings and errors only, one line each on stderr
/// (<c>skillrt: warning: …</c>), so a refused connection or a process running without a sandbox is
/// seen. Debug and information messages are not printed: stderr carries the run's report line. On a
/// terminal, every event also goes to the run's <see cref="RunProgress"/>, which follows the run by them.
/// </summary>
/// <param name="error">The command's stderr.</param>
/// <param name="progress">The run's status line, or <see langword="null"/> for none.</param>
internal sealed class StandardErrorLogger(TextWriter error, RunProgress? progress = null) : ILogger<SkillRunner>
{
    // Warnings that say again what the CLI reports itself: a repair (--stream shows it), the run's
    // failure (the error line), the run's time limit (the error line names --timeout), a process
    // timeout (the error line) and an unusable bubblewrap (the refusal, or event 202 under
    // --no-sandbox, carries the same reason).
    private static readonly int[] ReportedElsewhere = [3, 4, 5, 9, 205, 209];

    private readonly object _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) =>
        logLevel is >= LogLevel.Warning and < LogLevel.None || (progress is { IsShown: true } && logLevel is >= LogLevel.Debug and < LogLevel.None);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (progress is { IsShown: true } && state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            progress.Observe(eventId, values);
        }

        if (logLevel is < LogLevel.Warning or >= LogLevel.None || Array.IndexOf(ReportedElsewhere, eventId.Id) >= 0)
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
