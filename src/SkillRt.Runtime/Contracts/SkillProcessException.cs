using System;

namespace SkillRt;

/// <summary>
/// A process SkillRt ran for a skill (a <c>process</c> skill's command, a CLI tool, a script) could
/// not be found, failed with a non-zero exit code, ran past its time limit and was stopped, or hit
/// one of its resource limits (<see cref="LimitExceeded"/>). It keeps the exit code and the end of
/// standard error, which usually say what went wrong.
/// </summary>
public sealed class SkillProcessException : SkillException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="skillName">The skill whose process it is.</param>
    /// <param name="exitCode">The exit code, or <see langword="null"/> when the process never started or was stopped.</param>
    /// <param name="standardError">The end of the process's standard error; empty when there was none.</param>
    /// <param name="timedOut">Whether the process was stopped for running past its time limit.</param>
    public SkillProcessException(string message, string? skillName, int? exitCode, string? standardError, bool timedOut)
        : base(message)
    {
        SkillName = skillName;
        ExitCode = exitCode;
        StandardError = standardError ?? string.Empty;
        TimedOut = timedOut;
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="skillName">The skill whose process it is.</param>
    /// <param name="innerException">The cause, such as the operating system refusing to start the program.</param>
    public SkillProcessException(string message, string? skillName, Exception? innerException)
        : base(message, innerException)
    {
        SkillName = skillName;
        StandardError = string.Empty;
    }

    /// <summary>The process's exit code; <see langword="null"/> when it never started or was stopped before it ended.</summary>
    public int? ExitCode { get; }

    /// <summary>The last part of what the process wrote to standard error (at most 64 KB); empty when nothing.</summary>
    public string StandardError { get; }

    /// <summary>Whether the process ran past its time limit and was stopped with its children.</summary>
    public bool TimedOut { get; }

    /// <summary>
    /// The resource limit the process hit (processes, memory, CPU time or output), or
    /// <see langword="null"/> when it failed for another reason. The message names the limit's value
    /// and the setting that raises it.
    /// </summary>
    public SkillResourceLimit? LimitExceeded { get; init; }
}
