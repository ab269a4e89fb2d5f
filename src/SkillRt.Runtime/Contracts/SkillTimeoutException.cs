using System;

namespace SkillRt;

/// <summary>
/// A run did not finish within its time limit (<see cref="SkillRunnerOptions.RunTimeout"/>, or
/// <see cref="SkillRunOptions.RunTimeout"/> for one call) and was stopped: the model call, repair,
/// tool call or process under way was cancelled, and processes were killed with their children.
/// </summary>
/// <remarks>
/// The limit covers the whole run, from the input check to the validated output. A run cancelled
/// through its own <see cref="System.Threading.CancellationToken"/> throws
/// <see cref="OperationCanceledException"/> instead.
/// </remarks>
public sealed class SkillTimeoutException : SkillException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What ran out of time and how to raise the limit.</param>
    /// <param name="skillName">The skill whose run it is.</param>
    /// <param name="timeout">The limit the run reached.</param>
    /// <param name="innerException">What the run was doing when it was stopped, such as the cancelled model call.</param>
    public SkillTimeoutException(string message, string? skillName, TimeSpan timeout, Exception? innerException = null)
        : base(message, innerException)
    {
        SkillName = skillName;
        Timeout = timeout;
    }

    /// <summary>The time limit the run reached.</summary>
    public TimeSpan Timeout { get; }
}
