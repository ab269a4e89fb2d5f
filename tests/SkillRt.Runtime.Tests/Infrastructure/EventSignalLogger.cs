using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SkillRt.Runtime.Tests.Infrastructure;

/// <summary>
/// A logger that completes <see cref="Logged"/> when an entry with the event id is written, so a test
/// can act at the moment the code under test reaches that step instead of after a guessed delay.
/// </summary>
internal sealed class EventSignalLogger(int id) : ILogger
{
    private readonly TaskCompletionSource<string> _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first matching entry's message.</summary>
    public Task<string> Logged => _logged.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == id)
        {
            _logged.TrySetResult(formatter(state, exception));
        }
    }
}
