using System;
using System.Threading;

namespace SkillRt.Execution;

/// <summary>
/// The time limit of one run: a token that ends when the caller cancels or the limit passes, and the
/// rule that tells the two apart, so a run stopped by its limit fails with
/// <see cref="SkillTimeoutException"/> while a run the caller cancelled stays cancelled.
/// </summary>
internal sealed class RunDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;

    public RunDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _caller = cancellationToken;
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            return;
        }

        _timer = new CancellationTokenSource(timeout, timeProvider);
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    /// <summary>The limit; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Ends when the caller cancels or the limit passes; everything the run does takes it.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The limit a run gets: the call's, else the runner's.</summary>
    public static TimeSpan TimeoutOf(SkillRunnerOptions runner, SkillRunOptions? call) => call?.RunTimeout ?? runner.RunTimeout;

    /// <summary>Throws when a call's <see cref="SkillRunOptions.RunTimeout"/> is neither positive nor infinite.</summary>
    public static void ThrowIfInvalid(SkillRunOptions? call)
    {
        if (call?.RunTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(call), timeout, $"SkillRunOptions.RunTimeout is {timeout}; use a positive time such as 00:02:00, or Timeout.InfiniteTimeSpan for no limit.");
        }
    }

    /// <summary>
    /// The timeout failure <paramref name="exception"/> stands for, or <see langword="null"/> when the run
    /// failed for another reason. Whatever the stopped work threw (a cancelled model call, a killed
    /// process, a connection torn down) is the limit's doing once the limit has passed and the caller
    /// has not cancelled. Failures that are verdicts on the skill (its input, output or template)
    /// stay what they are.
    /// </summary>
    public SkillTimeoutException? Expired(Exception exception, string skillName)
    {
        if (_timer is not { IsCancellationRequested: true } || _caller.IsCancellationRequested
            || exception is SkillInputException or SkillOutputException or SkillTemplateException or SkillTimeoutException)
        {
            return null;
        }

        return new SkillTimeoutException(
            $"Skill '{skillName}' did not finish within {DurationText.Format(Timeout)} and was stopped; raise SkillRunnerOptions.RunTimeout, or SkillRunOptions.RunTimeout for one run.",
            skillName,
            Timeout,
            exception);
    }

    public void Dispose()
    {
        _source.Dispose();
        _timer?.Dispose();
    }
}
