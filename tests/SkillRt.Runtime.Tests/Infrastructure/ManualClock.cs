using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Runtime.Tests.Infrastructure;

/// <summary>
/// A clock whose timers fire only when the test says so (<see cref="Expire"/>), so a time limit is
/// reached at the moment the test chooses (while the server hangs, after the first chunk) instead of
/// whenever a busy machine gets there.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly ConcurrentQueue<ManualTimer> _timers = new();
    private readonly TaskCompletionSource _firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the first timer is created: the code under test has set its limit, so an
    /// <see cref="Expire"/> from then on reaches it.
    /// </summary>
    public Task FirstTimerCreated => _firstTimer.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state);
        _timers.Enqueue(timer);
        _firstTimer.TrySetResult();
        return timer;
    }

    /// <summary>Fires every timer created so far and not disposed.</summary>
    public void Expire()
    {
        foreach (var timer in _timers)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => Volatile.Read(ref _disposed) == 0;

        public void Fire()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                callback(state);
            }
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
