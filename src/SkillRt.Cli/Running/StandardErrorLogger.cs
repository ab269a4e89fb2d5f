using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace SkillRt.Cli.Running;

/// <summary>
/// The runner's log as <c>skill run</c> shows it: warnings and errors only, one line each on stderr
/// (<c>skill: warning: …</c>), so a refused connection or a process running without a sandbox is
/// seen. Debug and information messages are not printed: stderr carries the run's report line.
/// </summary>
internal sealed class StandardErrorLogger(TextWriter error) : ILogger<SkillRunner>
{
    private readonly object _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = "skill: " + (logLevel == LogLevel.Warning ? "warning: " : "error: ") + formatter(state, exception);

        // Tool calls and the proxy log from several threads; whole lines, never interleaved ones.
        lock (_gate)
        {
            error.WriteLine(line);
            error.Flush();
        }
    }
}
