using System;

namespace SkillRt.Cli.Running;

/// <summary>
/// The model server sent a response body larger than <c>skillrt run</c> reads. Not an
/// <see cref="System.IO.IOException"/> on purpose: the OpenAI client retries those, and asking again
/// for an answer that was too large only costs the same again.
/// </summary>
internal sealed class ModelResponseTooLargeException : Exception
{
    public ModelResponseTooLargeException(long limit)
        : base($"The model server's response is larger than {limit} bytes; it was not read further.")
    {
        Limit = limit;
    }

    public ModelResponseTooLargeException()
        : this(0)
    {
    }

    public ModelResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ModelResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The most bytes a response body may have.</summary>
    public long Limit { get; }
}
