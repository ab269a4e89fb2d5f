using System;

namespace SkillRt.Testing;

/// <summary>
/// With <see cref="ReplayOptions.MatchRequests"/> on, a request's messages differ from the recorded ones:
/// the prompt changed since the recording was made, or the calls happen in another order.
/// </summary>
public sealed class ReplayMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ReplayMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What differs and what to do.</param>
    public ReplayMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What differs and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ReplayMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The full path of the replay file, when the recording came from one.</summary>
    public string? Path { get; init; }

    /// <summary>The exchange the request was compared with, counted from 1.</summary>
    public int ExchangeNumber { get; init; }

    /// <summary>The first message that differs, counted from 1.</summary>
    public int MessageNumber { get; init; }
}
