using System;
using System.Collections.Generic;

namespace SkillRt.Cli;

/// <summary>
/// A failure the user can act on. The command prints <see cref="Exception.Message"/> as one line
/// (what failed, where, what to do) and exits with <see cref="ExitCode"/>; never a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, string? detail = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Detail = detail;
    }

    /// <summary>Lines printed before the message, always: the compiler-format diagnostics of an invalid skill.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>More lines printed only with <c>--verbose</c>, such as every diagnostic or the feed's reply.</summary>
    public string? Detail { get; }
}
